using System.ComponentModel.DataAnnotations;

namespace Pikumo.ImageGen;

/// <summary>
/// Retries, timeouts, circuit breaker and concurrency for one client, tuned for calls that take 40–50 s and
/// cost money. Retries happen only when the request surely did not run: a connection that never opened,
/// 408, 429 (not <c>insufficient_quota</c>), a JSON 500 or 503 from the provider (and on fal any 5xx). A request whose
/// body was sent and then got no answer, a <c>200</c> whose body broke off, and on OpenAI and Azure a 502, 504 or
/// HTML 5xx page from a gateway (which may have passed the request on) are not replayed unless
/// <see cref="RetryUnknownOutcomes"/> is set.
/// </summary>
public sealed class ImageGenResilienceOptions
{
    /// <summary>Retries after the first attempt; 0 turns retries off.</summary>
    /// <value>Default 3; 0–10.</value>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>The first back-off delay; later ones grow exponentially with jitter.</summary>
    /// <value>Default 2 s.</value>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest back-off delay, and the cap on a provider's <c>Retry-After</c>.</summary>
    /// <value>Default 60 s.</value>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The time limit of one HTTP attempt's wait for the answer's headers, and again of reading its body once they
    /// arrived (a body that trickles or stalls ends here). A gpt-image-2 call takes 40–50 s at low quality and minutes at high.
    /// </summary>
    /// <value>Default 5 minutes.</value>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Whether to retry when the outcome is unknown (the body was sent, then the attempt timed out or the connection
    /// broke, or a gateway answered 502, 504 or an HTML 5xx page on OpenAI or Azure). The provider may have run and
    /// billed the first attempt, so a retry can pay twice: off by default.
    /// </summary>
    public bool RetryUnknownOutcomes { get; set; }

    /// <summary>Whether the circuit breaker is on: after many failures it fails calls fast for a while instead of queuing more doomed 45-second calls.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool CircuitBreakerEnabled { get; set; } = true;

    /// <summary>The failure ratio that opens the circuit.</summary>
    /// <value>Default 0.5.</value>
    [Range(0.01, 1.0)]
    public double CircuitBreakerFailureRatio { get; set; } = 0.5;

    /// <summary>The fewest calls in the sampling window before the circuit can open.</summary>
    /// <value>Default 8.</value>
    [Range(2, 10_000)]
    public int CircuitBreakerMinimumThroughput { get; set; } = 8;

    /// <summary>The window the failure ratio is measured over.</summary>
    /// <value>Default 5 minutes (image calls are slow).</value>
    public TimeSpan CircuitBreakerSamplingDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long the circuit stays open before one trial call.</summary>
    /// <value>Default 30 s.</value>
    public TimeSpan CircuitBreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A copy (every member is a value).</summary>
    internal ImageGenResilienceOptions Copy() => (ImageGenResilienceOptions)MemberwiseClone();
}
