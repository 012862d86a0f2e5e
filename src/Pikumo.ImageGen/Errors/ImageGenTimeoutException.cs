namespace Pikumo.ImageGen;

/// <summary>
/// The call ran out of time (the options' <c>Timeout</c> or the per-attempt timeout). If the request had been
/// sent, <see cref="ImageGenException.OutcomeUnknown"/> is true: the provider may still finish and bill it.
/// </summary>
public sealed class ImageGenTimeoutException : ImageGenException
{
    private readonly bool _requestSent;

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="provider">The provider name.</param>
    /// <param name="timeout">The limit that ran out.</param>
    /// <param name="requestSent">Whether the request body had been sent.</param>
    /// <param name="requestId">The request id, if known.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public ImageGenTimeoutException(string message, string provider, TimeSpan timeout, bool requestSent, string? requestId = null, Exception? innerException = null)
        : base(message, provider, requestId, innerException)
    {
        Timeout = timeout;
        _requestSent = requestSent;
    }

    /// <summary>The limit that ran out.</summary>
    public TimeSpan Timeout { get; }

    /// <inheritdoc />
    public override bool OutcomeUnknown => _requestSent;
}
