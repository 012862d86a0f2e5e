namespace Pikumo.ImageGen;

/// <summary>The provider failed (500, 502, 503, 504): not billed, and safe to retry later.</summary>
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
}
