namespace Pikumo.ImageGen;

/// <summary>
/// The provider is rate limiting (429). Transient unless <see cref="IsQuotaExhausted"/>: an exhausted quota
/// or balance (<c>insufficient_quota</c>) does not clear by waiting.
/// </summary>
public sealed class ImageGenRateLimitException : ImageGenProviderException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="details">The parsed error answer.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public ImageGenRateLimitException(string message, ProviderErrorDetails details, Exception? innerException = null)
        : base(message, details, innerException)
    {
    }

    /// <summary>Whether the account's quota or balance is used up (not retryable).</summary>
    public bool IsQuotaExhausted => string.Equals(ErrorCode, "insufficient_quota", StringComparison.OrdinalIgnoreCase);

    /// <inheritdoc />
    public override bool IsTransient => !IsQuotaExhausted;
}
