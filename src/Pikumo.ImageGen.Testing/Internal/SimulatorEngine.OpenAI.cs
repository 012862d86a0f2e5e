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

    /// <summary>
    /// The events of a streamed call: per image its partial images (coarse to fine), then the completed image, spread
    /// evenly over the latency. Each event is rendered and encoded before its time and sent at it (the schedule is kept
    /// from the start, not from the previous event), as a provider renders on its own machines: the client sees the
    /// event when the schedule says, not after the simulator's encoding on the client's cores.
    /// </summary>
    private async IAsyncEnumerable<ReadOnlyMemory<byte>> EventsAsync(ImageJob job, RecordedRequest record, TimeSpan latency, long created, bool invalidBase64, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var prefix = job.Operation == ImageOperation.Edit ? "image_edit" : "image_generation";
        var started = Time.GetTimestamp();
        var step = latency / (job.Count * (job.PartialImages + 1));
        var due = TimeSpan.Zero;
        var usage = ImageFactory.Usage(job, 1);
        var share = new SimulatedUsage(usage.InputText / job.Count, usage.InputImage / job.Count, usage.OutputImage);
        for (var i = 0; i < job.Count; i++)
        {
            var raster = ImageFactory.Render(job, i, Seed);
            for (var k = 0; k < job.PartialImages; k++)
            {
                var partial = ImageFactory.Png(raster, block: 1 << (job.PartialImages - k + 2));
                var index = k;
                var partialEvent = Event(prefix + ".partial_image", w =>
                {
                    ImageFields(w, job, partial, created, invalidBase64);
                    w.WriteNumber("partial_image_index", index);
                });
                due += step;
                await DelayAsync(due - Time.GetElapsedTime(started), cancellationToken).ConfigureAwait(false);
                yield return partialEvent;
            }

            var final = FinalImage(job, i, record, raster);
            var completedEvent = Event(prefix + ".completed", w =>
            {
                ImageFields(w, job, final, created, invalidBase64);
                UsageJson(w, share);
            });
            due += step;
            await DelayAsync(due - Time.GetElapsedTime(started), cancellationToken).ConfigureAwait(false);
            yield return completedEvent;
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
}
