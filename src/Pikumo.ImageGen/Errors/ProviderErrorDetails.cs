using System.Net;

namespace Pikumo.ImageGen;

/// <summary>What a provider's error answer said, parsed from any of the three providers' shapes.</summary>
public sealed record ProviderErrorDetails
{
    /// <summary>The provider name.</summary>
    public required string Provider { get; init; }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; init; }

    /// <summary>The provider's message.</summary>
    public string? Message { get; init; }

    /// <summary>The error code.</summary>
    public string? Code { get; init; }

    /// <summary>The error type.</summary>
    public string? Type { get; init; }

    /// <summary>The request field the error is about.</summary>
    public string? Parameter { get; init; }

    /// <summary>The request id from the response headers (or body, for fal).</summary>
    public string? RequestId { get; init; }

    /// <summary>The wait the provider asked for.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Field-level validation errors (fal's 422 <c>detail[]</c>).</summary>
    public IReadOnlyList<ProviderFieldError> FieldErrors { get; init; } = [];

    /// <summary>Moderation or content-filter categories that triggered (for example <c>sexual</c>, <c>violence</c>).</summary>
    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>Where moderation blocked: <c>input</c> or <c>output</c>, when the provider says.</summary>
    public string? ModerationStage { get; init; }
}
