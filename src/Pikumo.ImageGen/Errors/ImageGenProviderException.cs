using System.Net;

namespace Pikumo.ImageGen;

/// <summary>
/// The provider answered with an error: the HTTP status, its error code, type and parameter, the request id
/// and any retry-after it sent. Subclasses mark the cases a caller handles differently.
/// </summary>
public class ImageGenProviderException : ImageGenException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What happened, in the provider's words where useful.</param>
    /// <param name="details">The parsed error answer.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public ImageGenProviderException(string message, ProviderErrorDetails details, Exception? innerException = null)
        : base(message, (details ?? throw new ArgumentNullException(nameof(details))).Provider, details.RequestId, innerException)
    {
        Details = details;
    }

    /// <summary>Everything the provider's error answer said.</summary>
    public ProviderErrorDetails Details { get; }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode => Details.StatusCode;

    /// <summary>The provider's error code (<c>moderation_blocked</c>, <c>rate_limit_exceeded</c>, <c>DeploymentNotFound</c>…).</summary>
    public string? ErrorCode => Details.Code;

    /// <summary>The provider's error type (<c>invalid_request_error</c>, fal's <c>error_type</c>…).</summary>
    public string? ErrorType => Details.Type;

    /// <summary>The request field the error is about, if the provider named one.</summary>
    public string? Parameter => Details.Parameter;

    /// <summary>How long the provider asked to wait (<c>retry-after-ms</c> or <c>retry-after</c>).</summary>
    public TimeSpan? RetryAfter => Details.RetryAfter;

    /// <summary>Whether retrying the same request later may succeed (rate limits, server errors).</summary>
    public virtual bool IsTransient => false;
}
