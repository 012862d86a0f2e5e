using System.Globalization;
using System.Net;

namespace Pikumo.ImageGen.Testing;

/// <summary>
/// A failure the simulator can inject into a request (see <see cref="SimulatorFaults"/>). Faults that replace the
/// answer (rate limit, server error, content policy, hang, reset) happen at once, before the simulated latency;
/// faults that spoil a success answer (truncated body, invalid base64, slow drip) happen after it. Immutable.
/// </summary>
public sealed class SimulatedFault
{
    private SimulatedFault(SimulatedFaultKind kind, HttpStatusCode statusCode = 0)
    {
        Kind = kind;
        StatusCode = statusCode;
    }

    /// <summary>What the fault does.</summary>
    public SimulatedFaultKind Kind { get; }

    /// <summary>The HTTP status of an error answer (429, 5xx, 400/422 for content policy, the fal job's failure status); 0 for faults without one.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The wait the answer asks for (<c>retry-after</c>, <c>retry-after-ms</c>), if any.</summary>
    public TimeSpan? RetryAfter { get; private init; }

    /// <summary>The safety category a content-policy fault names (for example <c>violence</c>).</summary>
    public string? Category { get; private init; }

    /// <summary>Whether a content-policy fault blames the <c>input</c> or the <c>output</c>.</summary>
    public string? Stage { get; private init; }

    /// <summary>A slow drip's wait between chunks (on the simulator's clock, not scaled).</summary>
    public TimeSpan DripInterval { get; private init; }

    /// <summary>A slow drip's chunk size in bytes.</summary>
    public int DripChunkBytes { get; private init; }

    /// <summary>The error text of a failed fal job.</summary>
    public string? Message { get; private init; }

    /// <summary>429 with <c>retry-after</c> (whole seconds, rounded up) and <c>retry-after-ms</c>.</summary>
    /// <param name="retryAfter">The wait asked for; default 1 s. <see cref="TimeSpan.Zero"/> asks for none.</param>
    /// <returns>The fault.</returns>
    public static SimulatedFault RateLimit(TimeSpan? retryAfter = null) =>
        new(SimulatedFaultKind.RateLimit, HttpStatusCode.TooManyRequests) { RetryAfter = NotNegative(retryAfter ?? TimeSpan.FromSeconds(1)) };

    /// <summary>429 <c>insufficient_quota</c>: the account is out of credit; waiting does not help.</summary>
    /// <returns>The fault.</returns>
    public static SimulatedFault QuotaExhausted() => new(SimulatedFaultKind.QuotaExhausted, HttpStatusCode.TooManyRequests);

    /// <summary>A server error.</summary>
    /// <param name="statusCode">500, 502, 503 or 504.</param>
    /// <param name="retryAfter">A <c>retry-after</c> to send with it, if any.</param>
    /// <returns>The fault.</returns>
    public static SimulatedFault ServerError(HttpStatusCode statusCode = HttpStatusCode.InternalServerError, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan((int)statusCode, 500, nameof(statusCode));
        ArgumentOutOfRangeException.ThrowIfGreaterThan((int)statusCode, 599, nameof(statusCode));
        return new(SimulatedFaultKind.ServerError, statusCode) { RetryAfter = retryAfter is { } wait ? NotNegative(wait) : null };
    }

    /// <summary>A content-policy refusal in the provider's shape (OpenAI/Azure 400, fal 422).</summary>
    /// <param name="category">The category that triggered, for example <c>violence</c>, <c>sexual</c>, <c>hate</c>, <c>self_harm</c>.</param>
    /// <param name="stage"><c>input</c> or <c>output</c>.</param>
    /// <returns>The fault.</returns>
    public static SimulatedFault ContentPolicy(string category = "violence", string stage = "input")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(category);
        ArgumentException.ThrowIfNullOrWhiteSpace(stage);
        return new(SimulatedFaultKind.ContentPolicy, HttpStatusCode.BadRequest) { Category = category, Stage = stage };
    }

    /// <summary>No answer until the request is cancelled.</summary>
    /// <returns>The fault.</returns>
    public static SimulatedFault Hang() => new(SimulatedFaultKind.Hang);

    /// <summary>The connection breaks after the request was read (the outcome is unknown to the caller).</summary>
    /// <returns>The fault.</returns>
    public static SimulatedFault ConnectionReset() => new(SimulatedFaultKind.ConnectionReset);

    /// <summary>The success answer is cut off halfway.</summary>
    /// <returns>The fault.</returns>
    public static SimulatedFault TruncatedBody() => new(SimulatedFaultKind.TruncatedBody);

    /// <summary>The success answer's images are not valid base64 (OpenAI and Azure image calls only).</summary>
    /// <returns>The fault.</returns>
    public static SimulatedFault InvalidBase64() => new(SimulatedFaultKind.InvalidBase64);

    /// <summary>The success answer arrives <paramref name="chunkBytes"/> at a time, <paramref name="interval"/> apart.</summary>
    /// <param name="interval">The wait between chunks, on the simulator's clock.</param>
    /// <param name="chunkBytes">The chunk size, at least 1.</param>
    /// <returns>The fault.</returns>
    public static SimulatedFault SlowDrip(TimeSpan interval, int chunkBytes = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkBytes, 1);
        return new(SimulatedFaultKind.SlowDrip) { DripInterval = NotNegative(interval), DripChunkBytes = chunkBytes };
    }

    /// <summary>A fal job (queue or sync) that fails after it ran.</summary>
    /// <param name="message">The error text.</param>
    /// <param name="statusCode">The status the result replays (default 500, fal's <c>internal_error</c>).</param>
    /// <returns>The fault.</returns>
    public static SimulatedFault FalJobFails(string message = "The runner failed while processing the request.", HttpStatusCode statusCode = HttpStatusCode.InternalServerError)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new(SimulatedFaultKind.FalJobFails, statusCode) { Message = message };
    }

    /// <summary>A fal job that never leaves <c>IN_PROGRESS</c> (the sync route hangs).</summary>
    /// <returns>The fault.</returns>
    public static SimulatedFault FalJobNeverCompletes() => new(SimulatedFaultKind.FalJobNeverCompletes);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        SimulatedFaultKind.RateLimit => string.Create(CultureInfo.InvariantCulture, $"RateLimit(retry after {RetryAfter!.Value.TotalMilliseconds:0} ms)"),
        SimulatedFaultKind.ServerError => string.Create(CultureInfo.InvariantCulture, $"ServerError({(int)StatusCode})"),
        SimulatedFaultKind.ContentPolicy => $"ContentPolicy({Category}, {Stage})",
        SimulatedFaultKind.SlowDrip => string.Create(CultureInfo.InvariantCulture, $"SlowDrip({DripChunkBytes} bytes every {DripInterval.TotalMilliseconds:0} ms)"),
        SimulatedFaultKind.FalJobFails => string.Create(CultureInfo.InvariantCulture, $"FalJobFails({(int)StatusCode})"),
        _ => Kind.ToString(),
    };

    /// <summary>Whether the fault means anything on a route; rules skip routes their fault does not apply to.</summary>
    internal bool AppliesTo(SimulatorRoute route) => Kind switch
    {
        SimulatedFaultKind.InvalidBase64 => route is SimulatorRoute.OpenAIEdits or SimulatorRoute.OpenAIGenerations or SimulatorRoute.AzureEdits or SimulatorRoute.AzureGenerations or SimulatorRoute.GeminiGenerateContent,
        SimulatedFaultKind.ContentPolicy => route is SimulatorRoute.OpenAIEdits or SimulatorRoute.OpenAIGenerations or SimulatorRoute.AzureEdits or SimulatorRoute.AzureGenerations
            or SimulatorRoute.FalRun or SimulatorRoute.FalSubmit or SimulatorRoute.GeminiGenerateContent,
        SimulatedFaultKind.FalJobFails or SimulatedFaultKind.FalJobNeverCompletes => route is SimulatorRoute.FalRun or SimulatorRoute.FalSubmit,
        _ => route != SimulatorRoute.Unknown,
    };

    private static TimeSpan NotNegative(TimeSpan value) => value < TimeSpan.Zero ? throw new ArgumentOutOfRangeException(nameof(value), value, "A wait cannot be negative.") : value;
}
