namespace Pikumo.ImageGen;

/// <summary>
/// The provider failed (500, 502, 503, 504). A JSON 500 or 503 from the provider itself is not billed and safe to retry
/// later; a 502, 504 or HTML error page from a gateway in front of OpenAI or Azure may come after the request was passed
/// on, so its outcome is unknown (<see cref="FromGateway"/>).
/// </summary>
public sealed class ImageGenServerException : ImageGenProviderException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="details">The parsed error answer.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public ImageGenServerException(string message, ProviderErrorDetails details, Exception? innerException = null)
        : base(message, details, innerException)
    {
    }

    /// <inheritdoc />
    public override bool IsTransient => true;

    /// <summary>
    /// Whether the answer came from a gateway or proxy that may already have passed the request on to the provider
    /// (502, 504, or an HTML error page on the OpenAI and Azure routes): the provider may have run and billed the call.
    /// </summary>
    public bool FromGateway { get; init; }

    /// <inheritdoc />
    public override bool OutcomeUnknown => FromGateway;
}
