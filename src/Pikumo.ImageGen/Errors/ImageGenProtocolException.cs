using System.Net;

namespace Pikumo.ImageGen;

/// <summary>
/// The response could not be understood: not JSON, an HTML page from a proxy, truncated, invalid base64,
/// fewer images than asked, bytes that are not an image, or larger than the response cap.
/// </summary>
public sealed class ImageGenProtocolException : ImageGenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong.</param>
    /// <param name="provider">The provider name.</param>
    /// <param name="requestId">The request id, if received.</param>
    /// <param name="statusCode">The HTTP status of the response.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public ImageGenProtocolException(string message, string provider, string? requestId, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, provider, requestId, innerException)
    {
        StatusCode = statusCode;
    }

    /// <summary>The HTTP status of the response that could not be read.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>
    /// What could be read before the problem, when the answer was otherwise usable (for example fewer images than
    /// asked for): those images were paid for, so they are handed over rather than dropped.
    /// </summary>
    public ImageResult? PartialResult { get; init; }

    /// <summary>
    /// Whether the answer broke off after a success status (the connection was reset or closed, or the body stalled): the
    /// provider ran the call and may bill it, so <see cref="OutcomeUnknown"/> is <see langword="true"/>.
    /// </summary>
    public bool CutOff { get; init; }

    /// <inheritdoc />
    public override bool OutcomeUnknown => CutOff;
}
