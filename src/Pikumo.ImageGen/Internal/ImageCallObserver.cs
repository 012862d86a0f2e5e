namespace Pikumo.ImageGen.Internal;

/// <summary>
/// Lets the code that starts a call hear, in the same async flow and before the call returns, that the transport has
/// sent the request and which id the provider gave it (fal's queue id right after the submission). The sequence
/// runner's journal records that id at once, so a process killed while the job runs resumes by fetching the job
/// instead of paying for a new one. One observer per async flow; transports report through
/// the call's <see cref="Http.SentSignal"/>.
/// </summary>
internal static class ImageCallObserver
{
    private static readonly AsyncLocal<Action<string?>?> Current = new();

    /// <summary>Observes the calls started from this async flow until the scope is disposed.</summary>
    /// <param name="sent">Told the provider's id (or <see langword="null"/> when it gave none) each time a request was sent; must not throw or block.</param>
    /// <returns>The scope.</returns>
    public static Scope Observe(Action<string?> sent)
    {
        var previous = Current.Value;
        Current.Value = sent;
        return new Scope(previous);
    }

    /// <summary>Called by the transport when a request went out, with the provider's id if it has one.</summary>
    public static void Sent(string? providerRequestId) => Current.Value?.Invoke(providerRequestId);

    /// <summary>Restores the observer of the enclosing flow.</summary>
    public readonly struct Scope(Action<string?>? previous) : IDisposable
    {
        /// <inheritdoc />
        public void Dispose() => Current.Value = previous;
    }
}
