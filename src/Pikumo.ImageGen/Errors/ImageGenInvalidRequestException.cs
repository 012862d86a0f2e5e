namespace Pikumo.ImageGen;

/// <summary>The provider refused the request as invalid (400, 404, 413, 422): a value it does not take, an unknown model or deployment, a body too large. <see cref="ImageGenProviderException.Parameter"/> and <see cref="ProviderErrorDetails.FieldErrors"/> name the field when the provider did.</summary>
public sealed class ImageGenInvalidRequestException : ImageGenProviderException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="details">The parsed error answer.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public ImageGenInvalidRequestException(string message, ProviderErrorDetails details, Exception? innerException = null)
        : base(message, details, innerException)
    {
    }

}
