using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pikumo.ImageGen.Http;

/// <summary>
/// Turns an error answer of any of the three providers into the library's typed exceptions. Parses
/// defensively: OpenAI's <c>error</c> object (with <c>moderation_details</c>), Azure's <c>inner_error</c> or
/// <c>innererror</c> with <c>content_filter_results</c> or <c>content_filter_result</c>, fal's <c>detail</c>
/// (a list of field errors or a string) and <c>error_type</c>, and bodies that are not JSON at all.
/// </summary>
internal static partial class ProviderErrors
{
    private const int MaxErrorBodyBytes = 1024 * 1024;
    private const int MaxQuotedChars = 300;

    private const string GatewayNote = " A gateway answered: it may have passed the request on, so the provider may have run and billed it (not retried unless Resilience.RetryUnknownOutcomes).";

    private static readonly HashSet<string> ContentPolicyCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        "moderation_blocked",
        "content_policy_violation",
        "content_filter",
        "ResponsibleAIPolicyViolation",
    };

    public static async Task<ImageGenProviderException> ReadAsync(
        HttpResponseMessage response, string provider, string? requestId, TimeProvider timeProvider, Func<string, string> redact, CancellationToken cancellationToken)
    {
        var (raw, _) = await BoundedRead.ReadAsync(response.Content, MaxErrorBodyBytes, cancellationToken).ConfigureAwait(false);

        // Redacted before parsing too, so a key cut in half where a long message is shortened cannot show its first half.
        var body = Encoding.UTF8.GetBytes(redact(Encoding.UTF8.GetString(raw)));
        var details = Parse(body, provider, response.StatusCode, requestId) with
        {
            RetryAfter = ResponseHeaders.RetryAfter(response.Headers, timeProvider),
        };
        if (details.Type is null && ResponseHeaders.First(response.Headers, "x-fal-error-type") is { } falType)
        {
            details = details with { Type = falType };
        }

        // fal's queue answers before a job exists; on OpenAI and Azure a gateway may have passed the request on.
        var fromGateway = provider != "fal" && IsGatewayAnswer(response);
        return Create(details, redact, fromGateway);
    }

    /// <summary>
    /// Whether a 5xx answer came from a gateway or proxy rather than the provider's own API: 502 and 504, or any 5xx
    /// whose body is not JSON (an HTML page). A gateway may already have passed the request on, so the outcome is unknown.
    /// </summary>
    public static bool IsGatewayAnswer(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        if (status is 502 or 504)
        {
            return true;
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        return status >= 500 && mediaType is not null && !mediaType.Contains("json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Parses an error body (JSON of any provider shape, or text).</summary>
    public static ProviderErrorDetails Parse(ReadOnlySpan<byte> body, string provider, HttpStatusCode status, string? requestId)
    {
        var details = new ProviderErrorDetails { Provider = provider, StatusCode = status, RequestId = requestId };
        try
        {
            using var document = JsonDocument.Parse(body.ToArray());
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return details with { Message = Quote(Encoding.UTF8.GetString(body)) };
            }

            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
            {
                return FromErrorObject(details, error);
            }

            if (root.TryGetProperty("detail", out var detail))
            {
                return FromFalDetail(details, root, detail);
            }

            return details with
            {
                Message = Text(root, "message") ?? Text(root, "error") ?? Quote(Encoding.UTF8.GetString(body)),
                Code = Text(root, "code"),
                Type = Text(root, "error_type") ?? Text(root, "type"),
                RequestId = requestId ?? Text(root, "request_id"),
            };
        }
        catch (JsonException)
        {
            var text = Encoding.UTF8.GetString(body);
            var isHtml = text.Contains("<html", StringComparison.OrdinalIgnoreCase);
            return details with
            {
                Message = isHtml ? $"an HTML page instead of JSON (a proxy or gateway answered): {Quote(StripTags(text))}" : Quote(text),
            };
        }
    }

    public static ImageGenProviderException Create(ProviderErrorDetails details, Func<string, string> redact, bool fromGateway = false)
    {
        details = Scrub(details, redact);
        var status = (int)details.StatusCode;
        var isContentPolicy = IsContentPolicy(details);
        var hint = status == 404 && details.Provider.StartsWith("azure", StringComparison.Ordinal)
            ? " Azure answers 404 'Resource not found' when the route, deployment name or api-version is wrong: image edits need the v1 route or a deployment route with api-version 2025-04-01-preview or later."
            : string.Empty;
        var message = redact(details.ToString()) + hint;
        return isContentPolicy ? new ImageGenContentPolicyException(message, details)
            : status is 401 or 403 ? new ImageGenAuthenticationException(message, details)
            : status == 429 ? new ImageGenRateLimitException(message, details)
            : status is 408 or >= 500 ? new ImageGenServerException(message + (fromGateway ? GatewayNote : string.Empty), details) { FromGateway = fromGateway }
            : status is 400 or 404 or 409 or 413 or 415 or 422 ? new ImageGenInvalidRequestException(message, details)
            : new ImageGenProviderException(message, details);
    }

    /// <summary>
    /// Every string the provider sent goes through the redactor: <see cref="ImageGenProviderException.Details"/> is printed
    /// by logs and <c>ToString()</c>, and a provider may echo the key anywhere (OpenAI's 401 message does).
    /// </summary>
    private static ProviderErrorDetails Scrub(ProviderErrorDetails d, Func<string, string> redact)
    {
        return d with
        {
            Message = Redact(d.Message),
            Code = Redact(d.Code),
            Type = Redact(d.Type),
            Parameter = Redact(d.Parameter),
            RequestId = Redact(d.RequestId),
            ModerationStage = Redact(d.ModerationStage),
            Categories = [.. d.Categories.Select(redact)],
            FieldErrors = [.. d.FieldErrors.Select(f => new ProviderFieldError(redact(f.Field), redact(f.Message), Redact(f.Type)))],
        };

        string? Redact(string? text) => string.IsNullOrWhiteSpace(text) ? null : redact(text);
    }

    private static bool IsContentPolicy(ProviderErrorDetails details) =>
        (details.Code is { } code && ContentPolicyCodes.Contains(code))
        || (details.Type is { } type && type.Contains("content_policy", StringComparison.OrdinalIgnoreCase))
        || details.FieldErrors.Any(e => e.Type?.Contains("content_policy", StringComparison.OrdinalIgnoreCase) == true)
        || details.Categories.Count > 0;

    private static ProviderErrorDetails FromErrorObject(ProviderErrorDetails details, JsonElement error)
    {
        var message = Text(error, "message");
        var categories = new List<string>();
        string? stage = null;
        if (error.TryGetProperty("moderation_details", out var moderation) && moderation.ValueKind == JsonValueKind.Object)
        {
            stage = Text(moderation, "moderation_stage");
            AddStrings(categories, moderation, "categories");
        }

        var inner = Property(error, "inner_error") ?? Property(error, "innererror");
        var innerCode = inner is { } i ? Text(i, "code") : null;
        if (inner is { } innerError && (Property(innerError, "content_filter_results") ?? Property(innerError, "content_filter_result")) is { ValueKind: JsonValueKind.Object } filters)
        {
            foreach (var category in filters.EnumerateObject())
            {
                if (category.Value.ValueKind == JsonValueKind.Object
                    && category.Value.TryGetProperty("filtered", out var filtered) && filtered.ValueKind == JsonValueKind.True)
                {
                    categories.Add(category.Name);
                }
            }
        }

        if (categories.Count == 0 && message is not null && SafetyViolations().Match(message) is { Success: true } match)
        {
            categories.AddRange(match.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        }

        var code = Text(error, "code");

        // Google's shape (Gemini): "code" is the HTTP status, "status" the canonical code, details[].reason the cause.
        innerCode ??= Property(error, "details") is { ValueKind: JsonValueKind.Array } googleDetails
            ? googleDetails.EnumerateArray().Select(d => Text(d, "reason")).FirstOrDefault(r => r is not null)
            : null;
        return details with
        {
            Message = message is null ? null : Quote(message, 1000),
            // Azure puts the HTTP status in "code" and the real reason in the inner error.
            Code = innerCode is not null && (code is null || int.TryParse(code, out _)) ? innerCode : code,
            Type = Text(error, "type") ?? Text(error, "status"),
            Parameter = Text(error, "param") is { Length: > 0 } param ? param : null,
            Categories = categories,
            ModerationStage = stage,
        };
    }

    private static ProviderErrorDetails FromFalDetail(ProviderErrorDetails details, JsonElement root, JsonElement detail)
    {
        var fields = new List<ProviderFieldError>();
        string? message = null;
        if (detail.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in detail.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                var path = item.TryGetProperty("loc", out var loc) && loc.ValueKind == JsonValueKind.Array
                    ? string.Join('.', loc.EnumerateArray().Select(l => l.ToString()).Where(l => l != "body"))
                    : string.Empty;
                fields.Add(new ProviderFieldError(path, Text(item, "msg") ?? string.Empty, Text(item, "type")));
            }

            message = fields.Count == 1 ? "validation failed" : $"{fields.Count} validation errors";
        }
        else if (detail.ValueKind == JsonValueKind.String)
        {
            message = Quote(detail.GetString()!, 1000);
        }

        return details with
        {
            Message = message,
            Type = Text(root, "error_type") ?? fields.FirstOrDefault()?.Type,
            Parameter = fields.FirstOrDefault()?.Field,
            FieldErrors = fields,
            RequestId = details.RequestId ?? Text(root, "request_id"),
        };
    }

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string? Text(JsonElement element, string name) => Property(element, name) switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        _ => null,
    };

    private static void AddStrings(List<string> target, JsonElement element, string name)
    {
        if (Property(element, name) is { ValueKind: JsonValueKind.Array } array)
        {
            target.AddRange(array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
        }
    }

    private static string Quote(string text, int max = MaxQuotedChars)
    {
        var collapsed = Whitespace().Replace(text, " ").Trim();
        return collapsed.Length <= max ? collapsed : string.Concat(collapsed.AsSpan(0, max), "…");
    }

    private static string StripTags(string html) => Tags().Replace(html, " ");

    [GeneratedRegex(@"safety_violations=\[([^\]]*)\]", RegexOptions.CultureInvariant)]
    private static partial Regex SafetyViolations();

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    [GeneratedRegex("<[^>]*>", RegexOptions.CultureInvariant)]
    private static partial Regex Tags();
}
