namespace Pikumo.ImageGen;

/// <summary>
/// The connection failed. Before the request was sent (DNS, connect, TLS) it surely did not run; after, the
/// outcome is unknown (<see cref="ImageGenException.OutcomeUnknown"/>).
/// </summary>
public sealed class ImageGenConnectionException : ImageGenException
{
    private readonly bool _requestSent;

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="provider">The provider name.</param>
    /// <param name="requestSent">Whether the request body had been sent.</param>
    /// <param name="innerException">The underlying exception.</param>
    public ImageGenConnectionException(string message, string provider, bool requestSent, Exception? innerException = null)
        : base(message, provider, null, innerException)
    {
        _requestSent = requestSent;
    }

    /// <inheritdoc />
    public override bool OutcomeUnknown => _requestSent;
}
