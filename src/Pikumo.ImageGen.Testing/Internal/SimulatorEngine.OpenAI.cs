using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Pikumo.ImageGen.Testing.Imaging;
using Pikumo.ImageGen.Transports;

namespace Pikumo.ImageGen.Testing.Internal;

/// <summary>OpenAI and Azure OpenAI: the images wire they share, and the ways they differ (routes, auth, error shapes, headers).</summary>
internal sealed partial class SimulatorEngine
{
    /// <summary>The model OpenAI uses when a request names none (the edit schema's default).</summary>
    private const string DefaultOpenAIModel = "gpt-image-1.5";

    private static readonly string[] FilterCategories = ["hate", "self_harm", "sexual", "violence"];

    private async Task<SimulatorResponse> HandleOpenAIAsync(SimulatorRequest request, RouteMatch route, ParsedBody body, RecordedRequest record, CancellationToken cancellationToken)
    {
        var requestId = Ids.OpenAIRequestId(Seed, record.Index);
        var response = route.Route == SimulatorRoute.Unknown
            ? OpenAIError(404, $"Invalid URL ({request.Method} {request.Uri.AbsolutePath})", "invalid_request_error", null, null)
            : OpenAIAuthentication(request) ?? await ImageCallAsync(route, body, record, requestId, cancellationToken).ConfigureAwait(false);
        return response.With("x-request-id", requestId).With("openai-version", "2020-10-01");
    }

    private async Task<SimulatorResponse> HandleAzureAsync(SimulatorRequest request, RouteMatch route, ParsedBody body, RecordedRequest record, CancellationToken cancellationToken)
    {
        var requestId = Ids.Guid(Seed, record.Index, "azure");
        var response = AzureRouting(route, record) ?? AzureAuthentication(request, route) ?? await ImageCallAsync(route, body, record, requestId, cancellationToken).ConfigureAwait(false);
        response.With("apim-request-id", requestId).With("x-request-id", requestId).With("x-ms-region", "Simulator");
        if (record.Deployment is { } deployment)
        {
            response.With("x-ms-deployment-name", deployment);
        }

        return response;
    }

    private SimulatorResponse? OpenAIAuthentication(SimulatorRequest request)
    {
        var header = request.Header("Authorization");
        if (string.IsNullOrWhiteSpace(header))
        {
            return OpenAIError(401, "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).", "invalid_request_error", null, null);
        }

        if (header != "Bearer " + Options.OpenAIApiKey)
        {
            var key = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..] : header;
            var shown = key.Length > 8 ? $"{key[..4]}{new string('*', 4)}{key[^4..]}" : "****";
            return OpenAIError(401, $"Incorrect API key provided: {shown}. You can find your API key at https://platform.openai.com/account/api-keys.", "invalid_request_error", null, "invalid_api_key");
        }

        return null;
    }

    /// <summary>Azure's routing checks: an unknown path, or a deployment route without an api-version that has image edits, is 404 "Resource not found".</summary>
    private static SimulatorResponse? AzureRouting(RouteMatch route, RecordedRequest record)
    {
        var version = record.ApiVersion;
        if (route.Route == SimulatorRoute.Unknown || (route.Deployment is not null && !HasImageEdits(version)))
        {
            return AzureError(404, "404", "Resource not found");
        }

        if (route.Deployment is null && version is not null && version is not ("v1" or "preview"))
        {
            return AzureError(400, "BadRequest", $"API version '{version}' is not supported on the v1 route; use 'v1', 'preview' or leave api-version out.");
        }

        return null;

        // Image edits arrived in 2025-04-01-preview; any dated version from then on routes them.
        static bool HasImageEdits(string? version) =>
            version is { Length: >= 10 } && DateOnly.TryParseExact(version[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            && date >= new DateOnly(2025, 4, 1);
    }

    private SimulatorResponse? AzureAuthentication(SimulatorRequest request, RouteMatch route)
    {
        if (request.Header("api-key") is { } key)
        {
            return key == Options.AzureApiKey ? null : AzureError(401, "401", "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.");
        }

        if (request.Header("Authorization") is { } header && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = header[7..].Trim();
            var accepted = token == Options.AzureAccessToken || (route.Deployment is null && token == Options.AzureApiKey);
            return accepted ? null : AzureError(401, "401", "Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.");
        }

        return AzureError(401, "401", "Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.");
    }

    /// <summary>An edit or generation on OpenAI or Azure: faults, validation, latency, images.</summary>
    private async Task<SimulatorResponse> ImageCallAsync(RouteMatch route, ParsedBody body, RecordedRequest record, string requestId, CancellationToken cancellationToken)
    {
        var provider = route.Provider!.Value;
        var fault = NextFault(record);
        if (fault is not null && await ImmediateFaultAsync(fault, provider, requestId, cancellationToken).ConfigureAwait(false) is { } faulted)
        {
            return faulted;
        }

        var error = ValidateImageCall(route, body, provider, out var job);
        if (error is not null)
        {
            return error;
        }

        var latency = ImageFactory.Latency(job!, Options);
        var created = Time.GetUtcNow().ToUnixTimeSeconds() + (long)latency.TotalSeconds;
        var invalidBase64 = fault?.Kind == SimulatedFaultKind.InvalidBase64;
        SimulatorResponse response;
        if (job!.Stream)
        {
            response = new SimulatorResponse { ContentType = "text/event-stream; charset=utf-8", Chunks = ct => EventsAsync(job, record, latency, created, invalidBase64, ct) };
            response.With("Cache-Control", "no-cache");
            record.SimulatedLatency = latency;
        }
        else
        {
            var wait = DelayAsync(latency, cancellationToken);
            record.SimulatedLatency = latency;
            await wait.ConfigureAwait(false);
            var images = new byte[job.Count][];
            for (var i = 0; i < images.Length; i++)
            {
                images[i] = FinalImage(job, i, record);
            }

            response = SimulatorResponse.Json(200, ImagesJson(job, images, created, invalidBase64));
        }

        response.With("openai-processing-ms", Math.Round(latency.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));
        return ApplyBodyFault(response, fault);
    }

    /// <summary>The events of a streamed call: per image its partial images (coarse to fine), then the completed image, spread over the latency.</summary>
    private async IAsyncEnumerable<ReadOnlyMemory<byte>> EventsAsync(ImageJob job, RecordedRequest record, TimeSpan latency, long created, bool invalidBase64, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var prefix = job.Operation == ImageOperation.Edit ? "image_edit" : "image_generation";
        var step = latency / (job.Count * (job.PartialImages + 1));
        var usage = ImageFactory.Usage(job, 1);
        var share = new SimulatedUsage(usage.InputText / job.Count, usage.InputImage / job.Count, usage.OutputImage);
        for (var i = 0; i < job.Count; i++)
        {
            var raster = ImageFactory.Render(job, i, Seed);
            for (var k = 0; k < job.PartialImages; k++)
            {
                await DelayAsync(step, cancellationToken).ConfigureAwait(false);
                var partial = ImageFactory.Png(raster, block: 1 << (job.PartialImages - k + 2));
                var index = k;
                yield return Event(prefix + ".partial_image", w =>
                {
                    ImageFields(w, job, partial, created, invalidBase64);
                    w.WriteNumber("partial_image_index", index);
                });
            }

            await DelayAsync(step, cancellationToken).ConfigureAwait(false);
            var final = FinalImage(job, i, record, raster);
            yield return Event(prefix + ".completed", w =>
            {
                ImageFields(w, job, final, created, invalidBase64);
                UsageJson(w, share);
            });
        }

        static ReadOnlyMemory<byte> Event(string type, Action<Utf8JsonWriter> fields)
        {
            var data = JsonBody.Object(w =>
            {
                w.WriteString("type", type);
                fields(w);
            });
            return Encoding.UTF8.GetBytes($"event: {type}\ndata: {Encoding.UTF8.GetString(data)}\n\n");
        }

        static void ImageFields(Utf8JsonWriter w, ImageJob job, byte[] png, long created, bool invalidBase64)
        {
            WriteImage(w, png, invalidBase64);
            w.WriteNumber("created_at", created);
            w.WriteString("size", job.SizeText);
            w.WriteString("quality", job.Quality);
            w.WriteString("background", job.Background);
            w.WriteString("output_format", "png");
        }
    }

    private static byte[] ImagesJson(ImageJob job, byte[][] images, long created, bool invalidBase64) => JsonBody.Object(w =>
    {
        w.WriteNumber("created", created);
        w.WriteString("background", job.Background);
        w.WriteStartArray("data");
        foreach (var image in images)
        {
            w.WriteStartObject();
            WriteImage(w, image, invalidBase64);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteString("output_format", "png");
        w.WriteString("quality", job.Quality);
        w.WriteString("size", job.SizeText);
        UsageJson(w, ImageFactory.Usage(job, images.Length));
    });

    private static void WriteImage(Utf8JsonWriter w, byte[] png, bool invalidBase64)
    {
        if (invalidBase64)
        {
            w.WriteString("b64_json", "%%this is not base64%%" + png.Length.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            w.WriteBase64String("b64_json", png);
        }
    }

    private static void UsageJson(Utf8JsonWriter w, SimulatedUsage usage)
    {
        w.WriteStartObject("usage");
        w.WriteNumber("input_tokens", usage.Input);
        w.WriteStartObject("input_tokens_details");
        w.WriteNumber("image_tokens", usage.InputImage);
        w.WriteNumber("text_tokens", usage.InputText);
        w.WriteEndObject();
        w.WriteNumber("output_tokens", usage.OutputImage);
        w.WriteStartObject("output_tokens_details");
        w.WriteNumber("image_tokens", usage.OutputImage);
        w.WriteNumber("text_tokens", 0);
        w.WriteEndObject();
        w.WriteNumber("total_tokens", usage.Total);
        w.WriteEndObject();
    }

    /// <summary>Checks an OpenAI-wire request field by field, in the order the service reports problems; errors are OpenAI-shaped (Azure passes them through).</summary>
    private SimulatorResponse? ValidateImageCall(RouteMatch route, ParsedBody body, ImageProvider provider, out ImageJob? job)
    {
        job = null;
        var edit = route.Operation == ImageOperation.Edit;
        if (body.Problem is { } problem)
        {
            return body.IsMultipart || !edit
                ? Bad(null, null, $"We could not parse the body of your request: {problem}.")
                : Bad(null, null, $"Invalid Content-Type header: {problem}; expected multipart/form-data.");
        }

        if (!edit && body.IsMultipart)
        {
            return Bad(null, null, "Invalid Content-Type header (multipart/form-data), expected application/json.");
        }

        // The model: OpenAI's model field, or on Azure the deployment (path segment, or the v1 route's model field).
        string model;
        if (provider == ImageProvider.AzureOpenAI)
        {
            var deployment = route.Deployment ?? Text(body, "model");
            if (deployment is null)
            {
                return Bad("model", "missing_required_parameter", "Missing required parameter: 'model' (the deployment name on the v1 route).");
            }

            if (!Options.AzureDeployments.TryGetValue(deployment, out model!))
            {
                return AzureError(404, "DeploymentNotFound", "The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again.");
            }
        }
        else
        {
            model = Text(body, "model") ?? DefaultOpenAIModel;
            if (!DescribedRules.GptImageModels.Contains(model) && !Options.Models.Contains(model))
            {
                return OpenAIError(404, $"The model '{model}' does not exist or you do not have access to it.", "invalid_request_error", "model", "model_not_found");
            }
        }

        // Judged by the published descriptions; only a model they do not name falls back to the host's catalog.
        var capabilities = DescribedRules.For(model) ?? Options.Models.Resolve(model);
        var described = edit ? DescribedRules.EditFields : DescribedRules.GenerationFields;
        foreach (var name in body.Fields.Keys.Concat(body.OtherFiles))
        {
            if (!described.Contains(name))
            {
                return Bad(name, "unknown_parameter", $"Unknown parameter: '{name}'.");
            }
        }

        var prompt = Text(body, "prompt");
        if (string.IsNullOrWhiteSpace(prompt))
        {
            return Bad("prompt", "missing_required_parameter", "Missing required parameter: 'prompt'.");
        }

        if (prompt.Length > capabilities.MaxPromptLength)
        {
            return Bad("prompt", "string_above_max_length", $"Invalid 'prompt': string too long. Expected a string with maximum length {capabilities.MaxPromptLength}, but got a string with length {prompt.Length} instead.");
        }

        if (edit)
        {
            if (ReferenceProblem(body, capabilities) is { } referenceProblem)
            {
                return referenceProblem;
            }
        }
        else if (body.Fields.ContainsKey("image") || body.Fields.ContainsKey("mask"))
        {
            return Bad("image", "unknown_parameter", "Unknown parameter: 'image'.");
        }

        if (Int(body, "n", 1, out var n) is { } nProblem)
        {
            return nProblem;
        }

        if (n < 1 || n > capabilities.MaxCount)
        {
            return n < 1
                ? Bad("n", "integer_below_min_value", $"Invalid 'n': integer below minimum value. Expected a value >= 1, but got {n} instead.")
                : Bad("n", "integer_above_max_value", $"Invalid 'n': integer above maximum value. Expected a value <= {capabilities.MaxCount}, but got {n} instead.");
        }

        var sizeText = Text(body, "size") ?? "auto";
        var sizeProblem = ImageSize.TryParse(sizeText, out var size) ? capabilities.Sizes.Check(size) : "expected WIDTHxHEIGHT or 'auto'";
        if (sizeProblem is not null)
        {
            return Bad("size", "invalid_value", $"Invalid value: '{sizeText}'. {Capitalized(sizeProblem)} for model '{model}'.");
        }

        var quality = Text(body, "quality") ?? "auto";
        if (!capabilities.Qualities.Contains(new ImageQuality(quality)))
        {
            return Bad("quality", "invalid_value", $"Invalid value: '{quality}'. Supported values are: {Quoted(capabilities.Qualities.Select(q => q.Value))}.");
        }

        var format = Text(body, "output_format");
        if (format is not null && !capabilities.OutputFormats.Contains(new ImageFormat(format)))
        {
            return capabilities.OutputFormats.Count == 0
                ? Bad("output_format", "unknown_parameter", "Unknown parameter: 'output_format'.")
                : Bad("output_format", "invalid_value", $"Invalid value: '{format}'. Supported values are: {Quoted(capabilities.OutputFormats.Select(f => f.Value))}.");
        }

        if (Int(body, "output_compression", 100, out var compression) is { } compressionProblem)
        {
            return compressionProblem;
        }

        if (compression is < 0 or > 100 || (compression != 100 && format is not ("jpeg" or "webp")))
        {
            return Bad("output_compression", "invalid_value", compression is < 0 or > 100
                ? $"Invalid 'output_compression': expected a value from 0 to 100, but got {compression} instead."
                : "Compression less than 100 is only supported for the jpeg and webp output formats.");
        }

        var background = Text(body, "background") ?? "auto";
        if (background is not ("transparent" or "opaque" or "auto") || (background != "auto" && !capabilities.SupportsBackground))
        {
            return Bad("background", "invalid_value", $"Invalid value: '{background}'. Supported values are: 'transparent', 'opaque', and 'auto'.");
        }

        if (background == "transparent" && (format == "jpeg" || capabilities.Transparency == TransparencySupport.None))
        {
            return Bad("background", "invalid_value", format == "jpeg"
                ? "Transparent background requires output_format 'png' or 'webp'."
                : "Transparent background is not supported for this model.");
        }

        var fidelity = edit ? Text(body, "input_fidelity") : null;
        if (fidelity is not null && (fidelity is not ("high" or "low") || !capabilities.SupportsInputFidelity))
        {
            return fidelity is not ("high" or "low")
                ? Bad("input_fidelity", "invalid_value", $"Invalid value: '{fidelity}'. Supported values are: 'high' and 'low'.")
                : Bad("input_fidelity", "invalid_input_fidelity_model", $"input_fidelity is not supported for model '{model}'.");
        }

        if (Text(body, "moderation") is { } moderation && moderation is not ("low" or "auto"))
        {
            return Bad("moderation", "invalid_value", $"Invalid value: '{moderation}'. Supported values are: 'low' and 'auto'.");
        }

        if (Bool(body, "stream", out var stream) is { } streamProblem)
        {
            return streamProblem;
        }

        if (Int(body, "partial_images", 0, out var partials) is { } partialProblem)
        {
            return partialProblem;
        }

        if (partials < 0 || partials > capabilities.MaxPartialImages)
        {
            return Bad("partial_images", "invalid_value", $"Invalid 'partial_images': expected a value from 0 to {capabilities.MaxPartialImages}, but got {partials} instead.");
        }

        if (body.Fields.ContainsKey("response_format") && !capabilities.RequiresResponseFormat)
        {
            return Bad("response_format", "unknown_parameter", "Unknown parameter: 'response_format'.");
        }

        var layout = PromptLayout.Parse(prompt);
        job = new ImageJob
        {
            Provider = provider,
            Operation = route.Operation!.Value,
            Model = model,
            Prompt = prompt,
            Count = n,
            Size = ImageFactory.ResolveSize(size, layout, body.Images, capabilities.Sizes),
            Quality = ImageFactory.EchoQuality(quality),
            InputFidelity = fidelity,
            References = [.. body.Images],
            Stream = stream,
            PartialImages = stream ? partials : 0,
            Layout = layout,
        };
        return null;
    }

    private static SimulatorResponse? ReferenceProblem(ParsedBody body, ImageModelCapabilities capabilities)
    {
        if (body.Images.Count == 0)
        {
            return Bad("image", "missing_required_parameter", "Missing required parameter: 'image'.");
        }

        if (body.Images.Count > capabilities.MaxReferenceImages)
        {
            return Bad("image", "array_above_max_length", $"Invalid 'image': array too long. Expected an array with maximum length {capabilities.MaxReferenceImages}, but got an array with length {body.Images.Count} instead.");
        }

        foreach (var image in body.Images.Append(body.Mask).OfType<RecordedImage>())
        {
            var param = image.Field == "mask" ? "mask" : "image";
            if (image.Data.IsEmpty)
            {
                return image.Url is null
                    ? Bad(param, "invalid_image", $"Invalid image file: the '{image.Field}' part is empty.")
                    : Bad(param, "invalid_image_url", $"Could not read the image at '{image.Url}' (the simulator serves only data: URIs and its own files).");
            }

            var isMask = image.Field == "mask";
            var allowed = isMask ? [ImageFormat.Png] : capabilities.ReferenceFormats;
            if (image.Format is not { } format || !allowed.Contains(format))
            {
                return Bad(param, "invalid_image_format", $"Invalid file '{image.Field}': unsupported mimetype ('{image.ContentType ?? "application/octet-stream"}'). Supported file formats are {Quoted(allowed.Select(f => f.MediaType))}.");
            }

            var limit = isMask ? capabilities.MaxMaskBytes : capabilities.MaxReferenceImageBytes;
            if (image.Data.Length > limit)
            {
                return Bad(param, "image_too_large", $"Invalid file '{image.Field}': {image.Data.Length:N0} bytes is over the {limit:N0}-byte limit.");
            }
        }

        if (body.Mask is { Header: { HasSize: true } mask } && body.Images[0].Header is { HasSize: true } first && (mask.Width != first.Width || mask.Height != first.Height))
        {
            return Bad("mask", "invalid_value", $"The mask ({mask.Width}x{mask.Height}) must have the same dimensions as the first image ({first.Width}x{first.Height}).");
        }

        return null;
    }

    private static SimulatorResponse Bad(string? param, string? code, string message) => OpenAIError(400, message, "invalid_request_error", param, code);

    private static SimulatorResponse OpenAIError(int status, string message, string? type, string? param, string? code, Action<Utf8JsonWriter>? extra = null) =>
        SimulatorResponse.Json(status, JsonBody.Object(w =>
        {
            w.WriteStartObject("error");
            w.WriteString("message", message);
            w.StringOrNull("type", type);
            w.StringOrNull("param", param);
            w.StringOrNull("code", code);
            extra?.Invoke(w);
            w.WriteEndObject();
        }));

    private static SimulatorResponse AzureError(int status, string code, string message, Action<Utf8JsonWriter>? extra = null) =>
        SimulatorResponse.Json(status, JsonBody.Object(w =>
        {
            w.WriteStartObject("error");
            w.WriteString("code", code);
            w.WriteString("message", message);
            extra?.Invoke(w);
            w.WriteEndObject();
        }));

    /// <summary>The answer a fault gives in place of the real one, or <see langword="null"/> for faults that spoil the real answer instead.</summary>
    private async Task<SimulatorResponse?> ImmediateFaultAsync(SimulatedFault fault, ImageProvider provider, string requestId, CancellationToken cancellationToken)
    {
        switch (fault.Kind)
        {
            case SimulatedFaultKind.Hang or SimulatedFaultKind.FalJobNeverCompletes:
                return await HangAsync(cancellationToken).ConfigureAwait(false);
            case SimulatedFaultKind.ConnectionReset:
                return SimulatorResponse.Reset();
            case SimulatedFaultKind.RateLimit:
                var seconds = Math.Ceiling(fault.RetryAfter!.Value.TotalSeconds).ToString(CultureInfo.InvariantCulture);
                var limited = provider switch
                {
                    ImageProvider.OpenAI => OpenAIError(429, $"Rate limit reached for images per minute (IPM) in organization org-simulator: Limit 5, Used 5, Requested 1. Please try again in {seconds}s.", "requests", null, "rate_limit_exceeded")
                        .With("x-ratelimit-limit-requests", "5").With("x-ratelimit-remaining-requests", "0"),
                    ImageProvider.AzureOpenAI => AzureError(429, "429", $"Requests to the Images Operation under Azure OpenAI API have exceeded the call rate limit of your current pricing tier. Please retry after {seconds} seconds."),
                    _ => SimulatorResponse.Json(429, JsonBody.Object(w => w.WriteString("detail", "Too many requests"))),
                };
                return WithRetryAfter(limited, fault.RetryAfter);
            case SimulatedFaultKind.QuotaExhausted:
                return provider == ImageProvider.Fal
                    ? SimulatorResponse.Json(403, JsonBody.Object(w => w.WriteString("detail", "User is locked. Reason: Exhausted balance. Top up your balance at fal.ai/dashboard/billing.")))
                    : OpenAIError(429, "You exceeded your current quota, please check your plan and billing details.", "insufficient_quota", null, "insufficient_quota");
            case SimulatedFaultKind.ServerError:
                var status = (int)fault.StatusCode;
                var failed = provider switch
                {
                    ImageProvider.OpenAI => status switch
                    {
                        502 => OpenAIError(502, "Bad gateway.", "cf_bad_gateway", null, "502"),
                        503 => OpenAIError(503, "The engine is currently overloaded, please try again later.", "server_error", null, null),
                        504 => OpenAIError(504, "Gateway timeout.", "cf_gateway_timeout", null, "504"),
                        _ => OpenAIError(status, $"The server had an error while processing your request. Sorry about that! You can retry your request, or contact us through our help center at help.openai.com if the error persists. (Please include the request ID {requestId} in your message.)", "server_error", null, null),
                    },
                    ImageProvider.AzureOpenAI => AzureError(status, status == 503 ? "ServiceUnavailable" : "InternalServerError", "The server had an error processing your request. Sorry about that! You can retry your request."),
                    _ => FalInfrastructureError(status),
                };
                return WithRetryAfter(failed, fault.RetryAfter);
            case SimulatedFaultKind.ContentPolicy:
                return ContentPolicyAnswer(fault, provider, requestId);
            default:
                return null;
        }
    }

    private static SimulatorResponse ContentPolicyAnswer(SimulatedFault fault, ImageProvider provider, string requestId) => provider switch
    {
        ImageProvider.OpenAI => OpenAIError(
            400,
            $"Your request was rejected by the safety system. If you believe this is an error, contact us at help.openai.com and include the request ID {requestId}. safety_violations=[{fault.Category}].",
            "image_generation_user_error",
            null,
            "moderation_blocked",
            w =>
            {
                w.WriteStartObject("moderation_details");
                w.WriteString("moderation_stage", fault.Stage);
                w.WriteStartArray("categories");
                w.WriteStringValue(fault.Category);
                w.WriteEndArray();
                w.WriteEndObject();
            }),
        ImageProvider.AzureOpenAI => AzureError(
            400,
            "content_filter",
            "Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.",
            w =>
            {
                w.WriteString("param", "prompt");
                w.WriteString("type", "invalid_request_error");
                w.WriteStartObject("inner_error");
                w.WriteString("code", "ResponsibleAIPolicyViolation");
                w.WriteStartObject("content_filter_results");
                foreach (var category in FilterCategories.Append(fault.Category!).Distinct(StringComparer.Ordinal))
                {
                    w.WriteStartObject(category);
                    w.WriteBoolean("filtered", category == fault.Category);
                    w.WriteString("severity", category == fault.Category ? "high" : "safe");
                    w.WriteEndObject();
                }

                w.WriteStartObject("jailbreak");
                w.WriteBoolean("filtered", false);
                w.WriteBoolean("detected", false);
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteEndObject();
            }),
        _ => FalValidation(422, [new FalDetail(["body", "prompt"], $"The request was rejected by the content policy ({fault.Category}).", "content_policy_violation")]),
    };

    /// <summary>A field's text: a multipart field, or a JSON string (other JSON values as their JSON text; null as absent).</summary>
    private static string? Text(ParsedBody body, string name)
    {
        if (body.Json is { } json && json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out var value))
        {
            return value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => value.GetString(),
                _ => value.GetRawText(),
            };
        }

        return body.Fields.TryGetValue(name, out var text) ? text : null;
    }

    /// <summary>An integer field, <paramref name="fallback"/> when absent; an error answer when it is not an integer.</summary>
    private static SimulatorResponse? Int(ParsedBody body, string name, int fallback, out int value)
    {
        value = fallback;
        if (body.Json is { } json && json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty(name, out var element))
        {
            return element.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.Number when element.TryGetInt32(out value) => null,
                _ => Bad(name, "invalid_type", $"Invalid type for '{name}': expected an integer, but got {Kind(element.ValueKind)} instead."),
            };
        }

        if (!body.Fields.TryGetValue(name, out var text))
        {
            return null;
        }

        return int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)
            ? null
            : Bad(name, "invalid_type", $"Invalid type for '{name}': expected an integer, but got a string instead.");
    }

    private static SimulatorResponse? Bool(ParsedBody body, string name, out bool value)
    {
        value = false;
        var text = Text(body, name);
        if (text is null)
        {
            return null;
        }

        if (bool.TryParse(text, out value))
        {
            return null;
        }

        return Bad(name, "invalid_type", $"Invalid type for '{name}': expected a boolean, but got '{text}' instead.");
    }

    private static string Kind(JsonValueKind kind) => kind switch
    {
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a decimal",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    private static string Quoted(IEnumerable<string> values)
    {
        var list = values.Select(v => $"'{v}'").ToList();
        return list.Count <= 1 ? string.Concat(list) : $"{string.Join(", ", list.Take(list.Count - 1))}, and {list[^1]}";
    }

    private static string Capitalized(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
