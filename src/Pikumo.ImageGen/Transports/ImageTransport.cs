namespace Pikumo.ImageGen.Transports;

/// <summary>
/// What a provider needs to turn a validated call into its wire format and the answer back into an
/// <see cref="ImageResult"/>. The library ships OpenAI, Azure OpenAI and fal.ai; a host can add its own and
/// register it as a provider (<see cref="ImageProviders.Register"/>) or set <see cref="ImageGenOptions.TransportFactory"/>. The client does validation, timing, cost, logging and
/// telemetry around it, so a transport does only the wire.
/// </summary>
public abstract class ImageTransport : IDisposable
{
    /// <summary>The provider name used in results, prices, logs and telemetry (<c>openai</c>, <c>azure.ai.openai</c>, <c>fal</c>).</summary>
    public abstract string ProviderName { get; }

    /// <summary>The model to use when a request names none, if the provider fixes it (an Azure deployment, a fal endpoint); otherwise <see langword="null"/> and the options' default applies.</summary>
    public virtual string? DefaultModel => null;

    /// <summary>Narrows a model's capabilities to what this provider accepts (for example fal's 4 images per call).</summary>
    /// <param name="capabilities">The model's entry in the catalog.</param>
    /// <returns>The entry validation uses.</returns>
    public virtual ImageModelCapabilities AdjustCapabilities(ImageModelCapabilities capabilities) => capabilities;

    /// <summary>Sends a call and returns its images.</summary>
    /// <param name="request">The validated call.</param>
    /// <param name="cancellationToken">Cancels the call (the client links its timeout to it).</param>
    /// <returns>The result; the client fills timing and cost.</returns>
    public abstract Task<ImageResult> SendAsync(ImageTransportRequest request, CancellationToken cancellationToken);

    /// <summary>Sends a streaming call and yields partial images, then the final ones.</summary>
    /// <param name="request">The validated call, with <see cref="ImageTransportRequest.Stream"/> set.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The updates as they arrive.</returns>
    public virtual IAsyncEnumerable<ImageStreamUpdate> StreamAsync(ImageTransportRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"The {ProviderName} transport does not stream images.");

    /// <summary>
    /// Fetches the result of a call that was already submitted, by the provider's request id, without paying for it
    /// again (fal's queue keeps results for a while). Providers without such a store do not support it.
    /// </summary>
    /// <param name="providerRequestId">The id from <see cref="ImageResult.RequestId"/> or <see cref="ImageGenException.RequestId"/>.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <returns>The result.</returns>
    public virtual Task<ImageResult> GetResultAsync(string providerRequestId, CancellationToken cancellationToken) =>
        throw new NotSupportedException($"The {ProviderName} transport cannot fetch a result by request id; only queue-based providers (fal) keep results.");

    /// <summary>
    /// Records that a call's request went out completely: from then on a failure without an answer leaves the outcome
    /// unknown (the provider may have run and billed the call), and a timeout names <paramref name="providerRequestId"/>.
    /// <see cref="HttpImageTransport.SendHttpAsync"/> records it by itself when the body is written; a transport that
    /// sends some other way, or learns the provider's id later (a queue submission), calls this.
    /// </summary>
    /// <param name="request">The call.</param>
    /// <param name="providerRequestId">The provider's id for the call, when it is known.</param>
    protected static void MarkRequestSent(ImageTransportRequest request, string? providerRequestId = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Signal.Raise(providerRequestId);
    }

    /// <summary>
    /// Looks for a submission whose id was lost (the process died after the provider accepted it but before the id was
    /// journaled) in the provider's own request history, so a resumed run fetches it instead of paying again.
    /// Providers without a searchable history answer <see langword="null"/>: nothing can be known.
    /// </summary>
    /// <param name="operation">Edit or generate: which endpoint's history.</param>
    /// <param name="model">The catalog model the call was made with (its endpoint on providers that serve several).</param>
    /// <param name="callSha256">The call's fingerprint: SHA-256 over its wire prompt and images (<see cref="Internal.CallFingerprint"/>).</param>
    /// <param name="since">When the call was about to be sent (the journal's in-flight time).</param>
    /// <param name="known">Request ids that already belong to other calls, never matched.</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <returns>The provider's request id, or <see langword="null"/> when none was found.</returns>
    internal virtual Task<string?> FindSubmissionAsync(ImageOperation operation, string model, string callSha256, DateTimeOffset since, IReadOnlyCollection<string> known, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(null);

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the transport holds (cached credentials).</summary>
    /// <param name="disposing">Whether called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
    }
}
