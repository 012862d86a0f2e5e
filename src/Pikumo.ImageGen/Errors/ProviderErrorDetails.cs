using System.Net;
using System.Text;

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

    /// <summary>
    /// The details on one line, lists written out: the text of the <see cref="ImageGenProviderException"/> message
    /// (logs and exception dumps print it too); only what the provider said.
    /// </summary>
    /// <returns>For example <c>openai answered 400 BadRequest: Invalid size (code invalid_value; param size; request id req_1)</c>.</returns>
    public override string ToString()
    {
        var builder = new StringBuilder()
            .Append(Provider).Append(" answered ").Append((int)StatusCode).Append(' ').Append(StatusCode);
        if (!string.IsNullOrWhiteSpace(Message))
        {
            builder.Append(": ").Append(Message);
        }

        foreach (var field in FieldErrors)
        {
            builder.Append(" [").Append(field.Field).Append(": ").Append(field.Message).Append(']');
        }

        var facts = new List<string>();
        Add(facts, "code", Code);
        Add(facts, "type", Type);
        Add(facts, "param", Parameter);
        Add(facts, "request id", RequestId);
        if (Categories.Count > 0)
        {
            facts.Add("categories " + string.Join(", ", Categories));
        }

        Add(facts, "stage", ModerationStage);
        if (RetryAfter is { } wait)
        {
            facts.Add(FormattableString.Invariant($"retry after {wait.TotalSeconds:0.###} s"));
        }

        return facts.Count == 0 ? builder.ToString() : builder.Append(" (").AppendJoin("; ", facts).Append(')').ToString();

        static void Add(List<string> facts, string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                facts.Add($"{name} {value}");
            }
        }
    }
}
