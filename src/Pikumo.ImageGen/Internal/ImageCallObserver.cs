namespace Pikumo.ImageGen.Internal;

/// <summary>
/// Lets the code that starts a call hear, in the same async flow and before the call returns, what happens to it: the
/// transport has sent the request and which id the provider gave it (fal's queue id right after the submission), the
/// provider's status while it waits (fal's queue), and a retry with its delay. The sequence runner's journal records
/// the id at once, so a process killed while the job runs resumes by fetching the job instead of paying for a new one;
/// its progress reports the rest. One listener per async flow; transports report through
/// the call's <see cref="Http.SentSignal"/>, <see cref="Status"/>, and the resilience pipeline through <see cref="Retrying"/>.
/// </summary>
internal static class ImageCallObserver
{
    private static readonly AsyncLocal<IImageCallListener?> Current = new();

    /// <summary>Observes the calls started from this async flow until the scope is disposed.</summary>
    /// <param name="sent">Told the provider's id (or <see langword="null"/> when it gave none) each time a request was sent; must not throw or block.</param>
    /// <returns>The scope.</returns>
    public static Scope Observe(Action<string?> sent) => Observe(new SentListener(sent));

    /// <summary>Observes the calls started from this async flow until the scope is disposed.</summary>
    /// <param name="listener">Told what happens; must not throw or block.</param>
    /// <returns>The scope.</returns>
    public static Scope Observe(IImageCallListener listener)
    {
        var previous = Current.Value;
        Current.Value = listener;
        return new Scope(previous);
    }

    /// <summary>Called by the transport when a request went out, with the provider's id if it has one.</summary>
    public static void Sent(string? providerRequestId) => Current.Value?.Sent(providerRequestId);

    /// <summary>Called by a transport that polls: the provider's status of the call (fal: <c>IN_QUEUE</c> and its position, <c>IN_PROGRESS</c>).</summary>
    public static void Status(string status, int? queuePosition) => Current.Value?.Status(status, queuePosition);

    /// <summary>Called by the resilience pipeline before it waits to send a request again.</summary>
    public static void Retrying(TimeSpan delay, int attempt, string reason) => Current.Value?.Retrying(delay, attempt, reason);

    /// <summary>Restores the observer of the enclosing flow.</summary>
    public readonly struct Scope(IImageCallListener? previous) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose() => Current.Value = previous;
    }

    private sealed class SentListener(Action<string?> sent) : IImageCallListener
    {
        public void Sent(string? providerRequestId) => sent(providerRequestId);
    }
}

/// <summary>What an <see cref="ImageCallObserver"/> listener hears; every member must return at once and not throw.</summary>
internal interface IImageCallListener
{
    /// <summary>The request went out (with the provider's id when it has one).</summary>
    void Sent(string? providerRequestId);

    /// <summary>The provider's status while the call waits.</summary>
    void Status(string status, int? queuePosition)
    {
    }

    /// <summary>A request is sent again after <paramref name="delay"/>; <paramref name="attempt"/> is the attempt about to be made.</summary>
    void Retrying(TimeSpan delay, int attempt, string reason)
    {
    }
}
