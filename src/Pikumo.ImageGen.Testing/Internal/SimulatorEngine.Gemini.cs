using System.Globalization;
using System.Text.Json;
using Pikumo.ImageGen.Testing.Imaging;
using Pikumo.ImageGen.Transports;

namespace Pikumo.ImageGen.Testing.Internal;

/// <summary>
/// Google's Gemini API, <c>models/{model}:generateContent</c> (gemini.md): <c>x-goog-api-key</c>, the request judged by the
/// published description, one image per call, safety refusals as HTTP 200 with a block or finish reason, errors as
/// <c>{"error":{"code","message","status","details"}}</c>. The image comes back as an <c>inlineData</c> part with its
/// <c>mimeType</c>; the simulator draws PNG (the real API answers JPEG by default), so clients must read the MIME type.
/// </summary>
internal sealed partial class SimulatorEngine
{
    private static readonly string[] RatedCategories = ["HARM_CATEGORY_HARASSMENT", "HARM_CATEGORY_SEXUALLY_EXPLICIT", "HARM_CATEGORY_DANGEROUS_CONTENT"];

    private async Task<SimulatorResponse> HandleGeminiAsync(SimulatorRequest request, RouteMatch route, ParsedBody body, RecordedRequest record, CancellationToken cancellationToken)
    {
        if (route.Route == SimulatorRoute.Unknown)
        {
            return GeminiError(404, "NOT_FOUND", $"The requested URL {request.Uri.AbsolutePath} was not found (the simulator serves POST /gemini/v1beta/models/{{model}}:generateContent).");
        }

        var key = request.Header("x-goog-api-key");
        if (string.IsNullOrEmpty(key))
        {
            return GeminiError(403, "PERMISSION_DENIED", "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.");
        }

        if (key != Options.GeminiApiKey)
        {
            return GeminiError(400, "INVALID_ARGUMENT", "API key not valid. Please pass a valid API key.", "API_KEY_INVALID");
        }

        var model = route.GeminiModel!;
        if (GeminiDescription.Retired.Contains(model))
        {
            return GeminiError(404, "NOT_FOUND", $"models/{model} is no longer available to new users. Please use a newer model.");
        }

        var rules = GeminiDescription.For(model);
        if (rules is null)
        {
            return GeminiError(404, "NOT_FOUND", $"models/{model} is not found for API version v1beta, or is not supported for generateContent.");
        }

        var responseId = Ids.Guid(Seed, record.Index, "gemini").Replace("-", string.Empty, StringComparison.Ordinal)[..22];
        var fault = NextFault(record);
        if (fault?.Kind == SimulatedFaultKind.ContentPolicy)
        {
            return GeminiBlocked(fault, responseId);
        }

        if (fault is not null && await GeminiFaultAsync(fault, cancellationToken).ConfigureAwait(false) is { } faulted)
        {
            return faulted;
        }

        var (job, problem) = ValidateGemini(model, rules, body);
        if (problem is not null)
        {
            return GeminiError(400, "INVALID_ARGUMENT", problem);
        }

        var latency = ImageFactory.Latency(job!, Options);
        record.SimulatedLatency = latency;
        await DelayAsync(latency, cancellationToken).ConfigureAwait(false);
        var png = FinalImage(job!, 0, record);
        var tier = GeminiSize(body);
        var output = rules.OutputTokens.TryGetValue(tier, out var tokens) ? tokens : rules.OutputTokens.Values.Min();
        var text = (job!.Prompt.Length + 3) / 4;
        var references = job.References.Count * GeminiModelRules.ReferenceTokens;
        var response = SimulatorResponse.Json(200, JsonBody.Object(w =>
        {
            w.WriteStartArray("candidates");
            w.WriteStartObject();
            w.WriteStartObject("content");
            w.WriteString("role", "model");
            w.WriteStartArray("parts");
            w.WriteStartObject();
            w.WriteString("text", $"Here is the image ({job.SizeText}).");
            w.WriteEndObject();
            w.WriteStartObject();
            w.WriteStartObject("inlineData");
            w.WriteString("mimeType", "image/png");
            if (fault?.Kind == SimulatedFaultKind.InvalidBase64)
            {
                w.WriteString("data", "this is not base64!");
            }
            else
            {
                w.WriteBase64String("data", png);
            }

            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteString("finishReason", "STOP");
            w.WriteNumber("index", 0);
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteStartObject("usageMetadata");
            w.WriteNumber("promptTokenCount", text + references);
            w.WriteNumber("candidatesTokenCount", output);
            w.WriteNumber("totalTokenCount", text + references + output);
            w.WriteStartArray("promptTokensDetails");
            Modality(w, "TEXT", text);
            if (references > 0)
            {
                Modality(w, "IMAGE", references);
            }

            w.WriteEndArray();
            w.WriteStartArray("candidatesTokensDetails");
            Modality(w, "IMAGE", output);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteString("modelVersion", model);
            w.WriteString("responseId", responseId);
        }));
        return ApplyBodyFault(response, fault);

        static void Modality(Utf8JsonWriter w, string modality, long count)
        {
            w.WriteStartObject();
            w.WriteString("modality", modality);
            w.WriteNumber("tokenCount", count);
            w.WriteEndObject();
        }
    }

    /// <summary>Checks a <c>GenerateContentRequest</c> by the description; the first problem is the 400's message, as Google answers.</summary>
    private static (ImageJob? Job, string? Problem) ValidateGemini(string model, GeminiModelRules rules, ParsedBody body)
    {
        if (body.Json is not { RootElement.ValueKind: JsonValueKind.Object } json)
        {
            return (null, $"Invalid JSON payload received. {body.Problem ?? "Expected an object."}");
        }

        var root = json.RootElement;
        foreach (var property in root.EnumerateObject())
        {
            if (property.Name is not ("contents" or "generationConfig" or "generation_config" or "safetySettings" or "safety_settings" or "systemInstruction" or "system_instruction" or "tools"))
            {
                return (null, $"Invalid JSON payload received. Unknown name \"{property.Name}\": Cannot find field.");
            }
        }

        if (!root.TryGetProperty("contents", out var contents) || contents.ValueKind != JsonValueKind.Array || contents.GetArrayLength() == 0)
        {
            return (null, "* GenerateContentRequest.contents: contents is not specified");
        }

        var prompt = string.Join("\n", contents.EnumerateArray()
            .Where(c => c.ValueKind == JsonValueKind.Object && c.TryGetProperty("parts", out var p) && p.ValueKind == JsonValueKind.Array)
            .SelectMany(c => c.GetProperty("parts").EnumerateArray())
            .Where(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("text", out var t) && t.ValueKind == JsonValueKind.String)
            .Select(p => p.GetProperty("text").GetString()));
        if (string.IsNullOrWhiteSpace(prompt) && body.Images.Count == 0)
        {
            return (null, "* GenerateContentRequest.contents[0].parts: contents.parts must not be empty.");
        }

        if (body.Images.Count > rules.MaxReferences)
        {
            return (null, $"Too many images: {model} takes at most {rules.MaxReferences} input images; {body.Images.Count} were sent.");
        }

        for (var i = 0; i < body.Images.Count; i++)
        {
            var image = body.Images[i];
            if (image.ContentType is not ("image/png" or "image/jpeg" or "image/webp" or "image/heic" or "image/heif"))
            {
                return (null, $"Unsupported MIME type: {image.ContentType ?? "(none)"} (inline image {i}).");
            }

            if (image.Data.IsEmpty || image.Format is null || image.Format.Value.MediaType != image.ContentType)
            {
                return (null, $"Unable to process input image {i}: the data is not a valid {image.ContentType} image (the mimeType must match the bytes).");
            }
        }

        var config = Property(root, "generationConfig") ?? Property(root, "generation_config");
        var modalities = config is { } c1 ? Property(c1, "responseModalities") ?? Property(c1, "response_modalities") : null;
        if (modalities is not { ValueKind: JsonValueKind.Array } list || !list.EnumerateArray().Any(m => m.ValueKind == JsonValueKind.String && m.GetString() == "IMAGE"))
        {
            return (null, "This model needs generationConfig.responseModalities to include IMAGE to return images.");
        }

        if (config is { } c2 && Property(c2, "candidateCount") is { } candidates && (candidates.ValueKind != JsonValueKind.Number || candidates.GetInt32() != 1))
        {
            return (null, "* GenerationConfig.candidate_count: only 1 candidate is supported for image output.");
        }

        var thinking = config is { } c4 ? Property(c4, "thinkingConfig") ?? Property(c4, "thinking_config") : null;
        if (thinking is { } tc && (Property(tc, "thinkingLevel") ?? Property(tc, "thinking_level")) is { } level
            && (level.ValueKind != JsonValueKind.String || !rules.ThinkingLevels.Contains(level.GetString()!)))
        {
            return (null, $"* GenerationConfig.thinking_config.thinking_level: {level.GetRawText()} is not supported by {model}; use one of {string.Join(", ", rules.ThinkingLevels)}.");
        }

        var imageConfig = config is { } c3 ? Property(c3, "imageConfig") ?? Property(c3, "image_config") : null;
        string? ratio = null;
        var size = "1K";
        if (imageConfig is { } ic)
        {
            foreach (var field in GeminiDescription.VertexOnlyImageConfig)
            {
                if (Property(ic, field) is not null)
                {
                    return (null, $"imageConfig.{field} is not supported in the Gemini API (Vertex AI only).");
                }
            }

            ratio = (Property(ic, "aspectRatio") ?? Property(ic, "aspect_ratio"))?.GetString();
            if (ratio is not null && !rules.Ratios.Contains(ratio))
            {
                return (null, $"* GenerationConfig.image_config.aspect_ratio: '{ratio}' is not supported by {model}; use one of {string.Join(", ", rules.Ratios)}.");
            }

            size = (Property(ic, "imageSize") ?? Property(ic, "image_size"))?.GetString() ?? "1K";
            if (!rules.Sizes.Contains(size))
            {
                return (null, $"* GenerationConfig.image_config.image_size: '{size}' is not supported by {model}; use one of {string.Join(", ", rules.Sizes)} (uppercase K).");
            }
        }

        var layout = PromptLayout.Parse(prompt);
        var shape = ratio ?? (layout.Canvas is { } canvas ? Nearest(canvas, rules.Ratios)
            : body.Images.Count > 0 && body.Images[0].Header is { HasSize: true } first ? Nearest(first.Size, rules.Ratios)
            : "1:1");
        return (new ImageJob
        {
            Provider = ImageProvider.Gemini,
            Operation = body.Images.Count > 0 ? ImageOperation.Edit : ImageOperation.Generate,
            Model = model,
            Prompt = prompt,
            Count = 1,
            Size = Pixels(shape, size),
            Quality = "low",
            References = [.. body.Images],
            Layout = layout,
        }, null);
    }

    /// <summary>The pixels of a ratio at a size: about 512², 1024², 2048² or 4096² pixels, edges multiples of 16 (read real sizes from the image, §2).</summary>
    private static ImageSize Pixels(string ratio, string size)
    {
        var parts = ratio.Split(':');
        var r = double.Parse(parts[0], CultureInfo.InvariantCulture) / double.Parse(parts[1], CultureInfo.InvariantCulture);
        var side = size switch { "512" => 512, "2K" => 2048, "4K" => 4096, _ => 1024 };
        var width = Math.Max(16, (int)Math.Round(side * Math.Sqrt(r) / 16) * 16);
        var height = Math.Max(16, (int)Math.Round(side / Math.Sqrt(r) / 16) * 16);
        return new ImageSize(width, height);
    }

    private static string Nearest(ImageSize size, string[] ratios) =>
        ratios.MinBy(r =>
        {
            var parts = r.Split(':');
            return Math.Abs(Math.Log((double)size.Width / size.Height / (double.Parse(parts[0], CultureInfo.InvariantCulture) / double.Parse(parts[1], CultureInfo.InvariantCulture))));
        })!;

    private static string GeminiSize(ParsedBody body) =>
        body.Json?.RootElement is { ValueKind: JsonValueKind.Object } root
        && (Property(root, "generationConfig") ?? Property(root, "generation_config")) is { } config
        && (Property(config, "imageConfig") ?? Property(config, "image_config")) is { } ic
        && (Property(ic, "imageSize") ?? Property(ic, "image_size"))?.GetString() is { } size ? size : "1K";

    private static JsonElement? Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    /// <summary>A safety refusal: HTTP 200, the prompt blocked (input) or the output stopped (output), with the category rated as blocked (§6).</summary>
    private static SimulatorResponse GeminiBlocked(SimulatedFault fault, string responseId) => SimulatorResponse.Json(200, JsonBody.Object(w =>
    {
        var category = "HARM_CATEGORY_" + (fault.Category ?? "dangerous_content").ToUpperInvariant().Replace('-', '_').Replace('/', '_');
        if (fault.Stage == "output")
        {
            w.WriteStartArray("candidates");
            w.WriteStartObject();
            w.WriteStartObject("content");
            w.WriteString("role", "model");
            w.WriteStartArray("parts");
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteString("finishReason", "IMAGE_SAFETY");
            SafetyRatings(w, category);
            w.WriteNumber("index", 0);
            w.WriteEndObject();
            w.WriteEndArray();
        }
        else
        {
            w.WriteStartObject("promptFeedback");
            w.WriteString("blockReason", "SAFETY");
            SafetyRatings(w, category);
            w.WriteEndObject();
        }

        w.WriteStartObject("usageMetadata");
        w.WriteNumber("promptTokenCount", 12);
        w.WriteNumber("totalTokenCount", 12);
        w.WriteEndObject();
        w.WriteString("responseId", responseId);
    }));

    private static void SafetyRatings(Utf8JsonWriter w, string blocked)
    {
        w.WriteStartArray("safetyRatings");
        foreach (var category in RatedCategories.Append(blocked).Distinct(StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("category", category);
            w.WriteString("probability", category == blocked ? "HIGH" : "NEGLIGIBLE");
            if (category == blocked)
            {
                w.WriteBoolean("blocked", true);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>The fault answers in Gemini's shapes (§6): 429 RESOURCE_EXHAUSTED, 500 INTERNAL, 503 UNAVAILABLE, 504 DEADLINE_EXCEEDED.</summary>
    private async Task<SimulatorResponse?> GeminiFaultAsync(SimulatedFault fault, CancellationToken cancellationToken)
    {
        switch (fault.Kind)
        {
            case SimulatedFaultKind.RateLimit:
                return WithRetryAfter(GeminiError(429, "RESOURCE_EXHAUSTED", "Resource has been exhausted (e.g. check quota)."), fault.RetryAfter);
            case SimulatedFaultKind.QuotaExhausted:
                return GeminiError(429, "RESOURCE_EXHAUSTED", "You exceeded your current quota, please check your plan and billing details.", "RATE_LIMIT_EXCEEDED");
            case SimulatedFaultKind.ServerError:
                var status = (int)fault.StatusCode;
                return WithRetryAfter(status switch
                {
                    503 => GeminiError(503, "UNAVAILABLE", "This model is currently experiencing high demand. Spikes in demand are usually temporary. Please try again later."),
                    504 => GeminiError(504, "DEADLINE_EXCEEDED", "The request timed out. Please try again with a longer deadline."),
                    _ => GeminiError(status, "INTERNAL", "An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting"),
                }, fault.RetryAfter);
            case SimulatedFaultKind.Hang or SimulatedFaultKind.FalJobNeverCompletes:
                return await HangAsync(cancellationToken).ConfigureAwait(false);
            case SimulatedFaultKind.ConnectionReset:
                return SimulatorResponse.Reset();
            default:
                return null;
        }
    }

    private static SimulatorResponse GeminiError(int status, string code, string message, string? reason = null) =>
        SimulatorResponse.Json(status, JsonBody.Object(w =>
        {
            w.WriteStartObject("error");
            w.WriteNumber("code", status);
            w.WriteString("message", message);
            w.WriteString("status", code);
            if (reason is not null)
            {
                w.WriteStartArray("details");
                w.WriteStartObject();
                w.WriteString("@type", "type.googleapis.com/google.rpc.ErrorInfo");
                w.WriteString("reason", reason);
                w.WriteString("domain", "googleapis.com");
                w.WriteEndObject();
                w.WriteEndArray();
            }

            w.WriteEndObject();
        }));
}
