namespace Pikumo.ImageGen.Testing;

/// <summary>What an injected fault does.</summary>
public enum SimulatedFaultKind
{
    /// <summary>429 in the provider's shape, with <c>retry-after</c> and <c>retry-after-ms</c>.</summary>
    RateLimit,

    /// <summary>429 <c>insufficient_quota</c> (OpenAI shape on OpenAI and Azure): not retryable.</summary>
    QuotaExhausted,

    /// <summary>A 5xx answer (500, 502, 503, 504) in the provider's shape.</summary>
    ServerError,

    /// <summary>The safety system refuses: OpenAI <c>moderation_blocked</c>, Azure <c>content_filter</c> with <c>inner_error.content_filter_results</c>, fal 422 <c>content_policy_violation</c>.</summary>
    ContentPolicy,

    /// <summary>No answer until the caller gives up (its cancellation or timeout).</summary>
    Hang,

    /// <summary>The connection breaks after the request was read: the loopback server resets the socket; in process an <see cref="HttpRequestException"/> is thrown.</summary>
    ConnectionReset,

    /// <summary>The success answer stops halfway through its body (declared length not reached).</summary>
    TruncatedBody,

    /// <summary>The success answer's <c>b64_json</c> is not base64 (OpenAI and Azure image calls).</summary>
    InvalidBase64,

    /// <summary>The success answer's body arrives in small chunks with a wait between them.</summary>
    SlowDrip,

    /// <summary>A fal job runs, then fails: status <c>COMPLETED</c> with an <c>error</c>, the result replays the error (the sync route answers it directly).</summary>
    FalJobFails,

    /// <summary>A fal job stays <c>IN_PROGRESS</c> for ever (the sync route hangs).</summary>
    FalJobNeverCompletes,
}
