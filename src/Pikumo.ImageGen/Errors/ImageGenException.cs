namespace Pikumo.ImageGen;

/// <summary>
/// The root of every failure a call can end with after its input was accepted: a provider's error answer,
/// a malformed response, a timeout or a broken connection. Bad input is refused earlier with an
/// <see cref="ArgumentException"/> that names the parameter. Messages never contain keys or image bytes.
/// </summary>
public abstract class ImageGenException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="provider">The provider name.</param>
    /// <param name="requestId">The provider's request id, if one was received.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    protected ImageGenException(string message, string provider, string? requestId, Exception? innerException = null)
        : base(message, innerException)
    {
        Provider = provider;
        RequestId = requestId;
    }

    /// <summary>The provider the call went to (<c>openai</c>, <c>azure.ai.openai</c>, <c>fal</c>…).</summary>
    public string Provider { get; }

    /// <summary>The provider's request id, if one was received: quote it to the provider's support.</summary>
    public string? RequestId { get; }

    /// <summary>
    /// Whether the provider may have processed (and billed) the request even though no result arrived: the
    /// body was sent, then the connection broke or the time ran out. Such calls are not retried unless the
    /// options opt in, so a paid image is not paid twice.
    /// </summary>
    public virtual bool OutcomeUnknown => false;
}
