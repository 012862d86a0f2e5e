namespace Pikumo.ImageGen;

/// <summary>The provider refused the credentials (401) or the access (403): a wrong or missing key, a token for the wrong resource, an unverified organisation or a blocked resource.</summary>
public sealed class ImageGenAuthenticationException : ImageGenProviderException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="details">The parsed error answer.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public ImageGenAuthenticationException(string message, ProviderErrorDetails details, Exception? innerException = null)
        : base(message, details, innerException)
    {
    }

}
