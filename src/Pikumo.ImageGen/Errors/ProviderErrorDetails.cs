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

    /// <summary>The details on one line, lists written out (logs and exception dumps print it); only what the provider said.</summary>
    /// <returns>For example <c>openai 400 invalid_request_error/invalid_value param=size request=req_1: "Invalid size"</c>.</returns>
    public override string ToString()
    {
        var text = new System.Text.StringBuilder().Append(Provider).Append(' ').Append((int)StatusCode);
        if (Type is not null || Code is not null)
        {
            text.Append(' ').Append(string.Join('/', new[] { Type, Code }.Where(p => p is not null)));
        }

        Append("param", Parameter);
        Append("request", RequestId);
        Append("retry-after", RetryAfter?.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture) + (RetryAfter is null ? null : "s"));
        Append("moderation", ModerationStage);
        Append("categories", Categories.Count == 0 ? null : string.Join(',', Categories));
        Append("fields", FieldErrors.Count == 0 ? null : string.Join("; ", FieldErrors.Select(f => $"{f.Field}: {f.Message}")));
        if (Message is not null)
        {
            text.Append(": \"").Append(Message).Append('"');
        }

        return text.ToString();

        void Append(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                text.Append(' ').Append(name).Append('=').Append(value);
            }
        }
    }
}
