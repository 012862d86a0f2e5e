using System.Net;
using System.Text.Json;

namespace Pikumo.ImageGen.Transports.Gemini;

/// <summary>
/// One <c>GenerateContentResponse</c> (gemini.md §4, §6): the last non-thought image part, the model's text, usage and
/// ids, or the refusal it carries. Safety blocks arrive as HTTP 200: a <c>promptFeedback.blockReason</c> (no candidates)
/// or a candidate's safety <c>finishReason</c> become an <see cref="ImageGenContentPolicyException"/>; an answer without an
/// image part (<c>NO_IMAGE</c>, text only) is never a success.
/// </summary>
internal sealed record GeminiAnswer(byte[] Image, string? MimeType, string? Text, ImageUsage? Usage, string? ResponseId, string? ModelVersion)
{
    /// <summary>Finish reasons that are the safety system's (§6); the rest (<c>NO_IMAGE</c>, <c>OTHER</c>, <c>MAX_TOKENS</c>…) mean no image.</summary>
    private static readonly HashSet<string> SafetyFinishReasons = new(StringComparer.Ordinal)
    {
        "SAFETY", "PROHIBITED_CONTENT", "BLOCKLIST", "SPII", "RECITATION", "IMAGE_SAFETY", "IMAGE_PROHIBITED_CONTENT", "IMAGE_RECITATION",
    };

    public static GeminiAnswer Parse(JsonElement root, Func<string, string> redact)
    {
        var responseId = Str(root, "responseId");
        var usage = ReadUsage(root);
        if (Property(root, "promptFeedback") is { } feedback && Str(feedback, "blockReason") is { } blockReason)
        {
            throw Refused(blockReason, Str(feedback, "blockReasonMessage"), feedback, "input", responseId, redact);
        }

        if (Property(root, "candidates") is not { ValueKind: JsonValueKind.Array } candidates || candidates.GetArrayLength() == 0)
        {
            throw NoImage($"the answer has no candidates and no block reason", responseId, redact);
        }

        var candidate = candidates[0];
        var finish = Str(candidate, "finishReason");
        byte[]? image = null;
        string? mime = null;
        var text = new List<string>();
        if (Property(candidate, "content") is { } content && Property(content, "parts") is { ValueKind: JsonValueKind.Array } parts)
        {
            foreach (var part in parts.EnumerateArray())
            {
                var thought = Property(part, "thought") is { ValueKind: JsonValueKind.True };
                if (Str(part, "text") is { } said && !thought)
                {
                    text.Add(said);
                }

                // Both spellings (the SDK's camelCase, REST samples' snake_case); the last non-thought image wins (§4).
                if (!thought && (Property(part, "inlineData") ?? Property(part, "inline_data")) is { } inline
                    && Property(inline, "data") is { ValueKind: JsonValueKind.String } data)
                {
                    image = data.GetBytesFromBase64();
                    mime = Str(inline, "mimeType") ?? Str(inline, "mime_type");
                }
            }
        }

        var said2 = text.Count == 0 ? null : string.Join("\n", text);
        if (finish is not null && SafetyFinishReasons.Contains(finish))
        {
            throw Refused(finish, said2, candidate, "output", responseId, redact);
        }

        return image is null
            ? throw NoImage($"the answer has no image part (finishReason {finish ?? "none"}{(said2 is null ? string.Empty : $"; the model said: {Shorten(said2)}")})", responseId, redact)
            : new GeminiAnswer(image, mime, said2, usage, responseId, Str(root, "modelVersion"));
    }

    private static ImageGenContentPolicyException Refused(string reason, string? message, JsonElement rated, string stage, string? responseId, Func<string, string> redact)
    {
        var categories = new List<string>();
        if (Property(rated, "safetyRatings") is { ValueKind: JsonValueKind.Array } ratings)
        {
            categories.AddRange(ratings.EnumerateArray()
                .Where(r => Property(r, "blocked") is { ValueKind: JsonValueKind.True })
                .Select(r => Str(r, "category"))
                .OfType<string>());
        }

        if (categories.Count == 0)
        {
            categories.Add(reason);
        }

        var details = new ProviderErrorDetails
        {
            Provider = GeminiModels.Provider,
            StatusCode = HttpStatusCode.OK,
            Code = reason,
            Message = message is null ? null : redact(Shorten(message)),
            RequestId = responseId,
            Categories = categories,
            ModerationStage = stage,
        };
        var what = stage == "input" ? $"blocked the prompt (promptFeedback.blockReason {reason})" : $"stopped the output (finishReason {reason})";
        return new ImageGenContentPolicyException(
            redact($"gemini answered 200 but its safety system {what}: categories {string.Join(", ", categories)}{(message is null ? string.Empty : $"; {Shorten(message)}")}{(responseId is null ? string.Empty : $" (response id {responseId})")}."),
            details);
    }

    private static ImageGenProtocolException NoImage(string what, string? responseId, Func<string, string> redact) =>
        new(redact($"gemini answered 200 but {what}; the call ran and may be billed{(responseId is null ? string.Empty : $" (response id {responseId})")}."), GeminiModels.Provider, responseId, HttpStatusCode.OK);

    /// <summary><c>usageMetadata</c>: prompt and candidate tokens by modality, thinking counted as text output.</summary>
    private static ImageUsage? ReadUsage(JsonElement root)
    {
        if (Property(root, "usageMetadata") is not { } usage)
        {
            return null;
        }

        var prompt = Number(usage, "promptTokenCount");
        var candidates = Number(usage, "candidatesTokenCount");
        var thoughts = Number(usage, "thoughtsTokenCount");
        var (promptText, promptImage, hasPrompt) = ByModality(usage, "promptTokensDetails");
        var (outText, outImage, hasOut) = ByModality(usage, "candidatesTokensDetails");
        return new ImageUsage
        {
            InputTokens = prompt,
            InputTextTokens = hasPrompt ? promptText : prompt,
            InputImageTokens = hasPrompt ? promptImage : 0,
            OutputTokens = candidates + thoughts,
            OutputImageTokens = hasOut ? outImage : candidates,
            OutputTextTokens = (hasOut ? outText : 0) + thoughts,
            TotalTokens = Number(usage, "totalTokenCount") is > 0 and var total ? total : prompt + candidates + thoughts,
        };
    }

    private static (long Text, long Image, bool Found) ByModality(JsonElement usage, string name)
    {
        if (Property(usage, name) is not { ValueKind: JsonValueKind.Array } details)
        {
            return (0, 0, false);
        }

        long text = 0, image = 0;
        foreach (var detail in details.EnumerateArray())
        {
            var count = Number(detail, "tokenCount");
            switch (Str(detail, "modality"))
            {
                case "IMAGE":
                    image += count;
                    break;
                default:
                    text += count;
                    break;
            }
        }

        return (text, image, true);
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : string.Concat(text.AsSpan(0, 300), "…");

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string? Str(JsonElement element, string name) => Property(element, name) is { ValueKind: JsonValueKind.String } s ? s.GetString() : null;

    private static long Number(JsonElement element, string name) => Property(element, name) is { ValueKind: JsonValueKind.Number } n && n.TryGetInt64(out var value) ? value : 0;
}
