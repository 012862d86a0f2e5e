using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Pikumo.ImageGen.Http;

namespace Pikumo.ImageGen.Transports.Gemini;

/// <summary>
/// Google's Gemini API: <c>POST {base}models/{model}:generateContent</c> with the prompt as a text part and each
/// reference as an <c>inlineData</c> part (base64 written while the body streams out), <c>x-goog-api-key</c>, and the
/// size as <c>imageConfig.aspectRatio</c> + <c>imageSize</c>. One image per call: n images are n calls, in parallel up to
/// <see cref="GeminiProviderOptions.MaxParallelCalls"/>. The image's format is read from the answer (JPEG by default),
/// safety refusals that come as HTTP 200 become <see cref="ImageGenContentPolicyException"/>s. Sources: <c>shared/api/gemini.md</c>.
/// </summary>
internal sealed class GeminiImageTransport : HttpImageTransport
{
    /// <summary>The most inline data one request may carry, in base64 (raised from 20 MB on 2026-01-12, §3).</summary>
    private const long InlinePayloadLimit = 100L * 1024 * 1024;

    private readonly GeminiProviderOptions _options;

    public GeminiImageTransport(ImageProviderContext<GeminiProviderOptions> context)
        : base(context)
    {
        _options = context.Settings;
    }

    public override string ProviderName => GeminiModels.Provider;

    public override string? DefaultModel => _options.Model;

    protected override IReadOnlyList<string?> SecretValues => [_options.ApiKey];

    /// <summary>Only what the Gemini API takes (<see cref="GeminiModels.Fields"/>): prompt, references, ratio and tier, n (as n calls).</summary>
    public override ImageModelCapabilities AdjustCapabilities(ImageModelCapabilities capabilities) => GeminiModels.Narrow(capabilities);

    public override async Task<ImageResult> SendAsync(ImageTransportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Count > 1 && !request.CanResend)
        {
            throw new ArgumentException("request.Images holds a stream that can be read only once; Gemini makes one call per image, so n > 1 needs images that can be read again (a file, bytes or a seekable stream).", "request.Images");
        }

        // Inline data is capped at 100 MB per request, in base64 (§3): refused here rather than by a paid-for round trip.
        var inline = request.Images.Sum(i => ((i.Length ?? 0) + 2) / 3 * 4);
        if (inline > InlinePayloadLimit)
        {
            throw new ArgumentException($"request.Images come to {inline:N0} bytes in base64; the Gemini API takes at most {InlinePayloadLimit:N0} bytes of inline data per request.", "request.Images");
        }

        if (_options.ThinkingLevel is { } level && GeminiModels.ThinkingLevels(request.Capabilities.Model) is { } levels && !levels.Contains(level))
        {
            throw new ArgumentException(levels.Count == 0
                ? $"Gemini:ThinkingLevel '{level}' is set, but {request.Model} takes no thinking level; leave it unset for this model."
                : $"Gemini:ThinkingLevel '{level}' is not taken by {request.Model}; it takes {string.Join(", ", levels)}.", "request.Model");
        }

        using var gate = new SemaphoreSlim(Math.Clamp(_options.MaxParallelCalls, 1, 64));
        var calls = Enumerable.Range(0, request.Count).Select(async _ =>
        {
            await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await CallAsync(request, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }).ToArray();

        // Every call is awaited: a paid image is never thrown away because a sibling failed.
        await ((Task)Task.WhenAll(calls)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        var answers = calls.Where(c => c.IsCompletedSuccessfully).Select(c => c.Result).ToArray();
        var failure = calls.FirstOrDefault(c => !c.IsCompletedSuccessfully);
        if (failure is not null && answers.Length == 0)
        {
            await failure.ConfigureAwait(false); // throws the first failure as it is
        }

        var result = ToResult(request, answers);
        if (failure is null)
        {
            return result;
        }

        var error = failure.Exception?.InnerException ?? new OperationCanceledException(cancellationToken);
        throw new ImageGenProtocolException(
            Redact($"gemini: {request.Count - answers.Length} of the {request.Count} calls (one per image) failed, the first with: {error.Message}; the {answers.Length} paid image(s) that arrived are in PartialResult."),
            ProviderName, result.RequestId, HttpStatusCode.OK, error)
        {
            PartialResult = result,
        };
    }

    /// <summary>Gemini answers come back whole; nothing to read by id.</summary>
    protected override string? RequestIdOf(HttpResponseMessage response) =>
        ResponseHeaders.First(response.Headers, "x-request-id", "x-goog-request-id");

    private async Task<GeminiAnswer> CallAsync(ImageTransportRequest request, CancellationToken cancellationToken)
    {
        var uri = new Uri(Internal.Uris.WithTrailingSlash(_options.BaseAddress), $"models/{Uri.EscapeDataString(request.Model)}:generateContent");
        using var message = new HttpRequestMessage(HttpMethod.Post, uri) { Content = Body(request) };
        message.Headers.TryAddWithoutValidation("x-goog-api-key", _options.ApiKey);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        message.Options.Set(ImageGenHttpRequestOptions.Images, 1);   // one call per image
        using var response = await SendHttpAsync(message, request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw Classify(await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false));
        }

        var requestId = RequestIdOf(response);
        using var bodyTimeout = new CancellationTokenSource(BodyTimeout, TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bodyTimeout.Token);
        byte[] body;
        try
        {
            // One JSON answer whose image is a multi-megabyte base64 string on one line: read whole (capped), never line by line.
            var (bytes, overflowed) = await BoundedRead.ReadAsync(response.Content, MaxResponseBytes, linked.Token).ConfigureAwait(false);
            if (overflowed)
            {
                throw new ImageGenProtocolException(Redact($"gemini: the answer is larger than the {MaxResponseBytes:N0}-byte cap (ImageGenOptions.MaxResponseBytes); reading stopped."), ProviderName, requestId, response.StatusCode);
            }

            body = bytes;
        }
        catch (Exception ex) when (bodyTimeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested && ex is OperationCanceledException or IOException or HttpRequestException)
        {
            throw new ImageGenTimeoutException(
                $"gemini: reading the answer took longer than the {BodyTimeout.TotalSeconds:0} s attempt timeout (ImageGenOptions.Resilience.AttemptTimeout) after its headers arrived; the call ran and may be billed.",
                ProviderName, BodyTimeout, requestSent: true, requestId, ex);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            throw new ImageGenProtocolException(Redact($"gemini: the answer was cut off after the provider answered {(int)response.StatusCode}, so it may bill the call: {ex.Message}"), ProviderName, requestId, response.StatusCode, ex) { CutOff = true };
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var answer = GeminiAnswer.Parse(document.RootElement, Redact);
            return requestId is not null && answer.ResponseId is null ? answer with { ResponseId = requestId } : answer;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
        {
            throw new ImageGenProtocolException(Redact($"gemini answered {(int)response.StatusCode} with a body that is not a valid GenerateContentResponse: {ex.Message}"), ProviderName, requestId, response.StatusCode, ex);
        }
    }

    /// <summary>The request body: the prompt, then the references in order, then the image settings.</summary>
    private JsonImageContent Body(ImageTransportRequest request)
    {
        var content = new JsonImageContent();
        content.AddRaw("{\"contents\":[{\"role\":\"user\",\"parts\":[{\"text\":");
        content.AddRaw(JsonSerializer.Serialize(request.Prompt, GeminiJsonContext.Default.String));
        content.AddRaw("}");
        foreach (var image in request.Images)
        {
            content.AddRaw($",{{\"inlineData\":{{\"mimeType\":\"{image.MediaType}\",\"data\":");
            content.AddBase64String(image);
            content.AddRaw("}}");
        }

        content.AddRaw("]}],\"generationConfig\":{\"responseModalities\":");
        content.AddRaw(_options.IncludeText ? "[\"TEXT\",\"IMAGE\"]" : "[\"IMAGE\"]");
        if (_options.ThinkingLevel is { } level)
        {
            content.AddRaw($",\"thinkingConfig\":{{\"thinkingLevel\":\"{level}\"}}");
        }

        if (request.Size is { IsAuto: false } size)
        {
            // The validator checked the ratio and tier against the model's rules; without them (an unknown model) the nearest documented ratio is not guessed.
            var ratio = SizeTiers.RatioOf(size, request.Capabilities.Sizes.AspectRatios.Count > 0 ? request.Capabilities.Sizes.AspectRatios : ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9", "1:4", "4:1", "1:8", "8:1"])
                ?? throw new ArgumentException($"request.Size {size} has no aspect ratio Gemini takes (1:1, 2:3, 3:2, 3:4, 4:3, 4:5, 5:4, 9:16, 16:9, 21:9, 1:4, 4:1, 1:8, 8:1).", "request.Size");
            content.AddRaw($",\"imageConfig\":{{\"aspectRatio\":\"{ratio}\",\"imageSize\":\"{GeminiModels.WireSize(SizeTiers.TierOf(size))}\"}}");
        }

        content.AddRaw("}}");
        return content;
    }

    private ImageResult ToResult(ImageTransportRequest request, IReadOnlyList<GeminiAnswer> answers)
    {
        var images = new List<GeneratedImage>(answers.Count);
        ImageUsage? usage = null;
        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < answers.Count; i++)
        {
            var answer = answers[i];
            var image = new GeneratedImage(i, answer.Image);
            if (image.Format is null)
            {
                throw new ImageGenProtocolException($"gemini: image {i} ({answer.MimeType ?? "no mimeType"}) is not a PNG, JPEG or WEBP image{(answer.ResponseId is null ? string.Empty : $" (response id {answer.ResponseId})")}.", ProviderName, answer.ResponseId, HttpStatusCode.OK);
            }

            images.Add(image);
            usage = answer.Usage is null ? usage : usage is null ? answer.Usage : usage + answer.Usage;
            metadata[$"gemini.mime_type.{i}"] = answer.MimeType ?? image.Format.Value.MediaType;
            if (answer.Text is { } text)
            {
                metadata[$"gemini.text.{i}"] = text.Length <= 2000 ? text : text[..2000];
            }
        }

        if (answers.Select(a => a.ResponseId).OfType<string>().ToArray() is { Length: > 0 } ids)
        {
            metadata["gemini.response_ids"] = string.Join(",", ids);
        }

        if (answers.Count > 0 && answers[0].ModelVersion is { } version)
        {
            metadata["gemini.model_version"] = version;
        }

        return new ImageResult
        {
            Images = images,
            Usage = usage,
            RequestId = answers.Count > 0 ? answers[0].ResponseId : null,
            Provider = ProviderName,
            Model = request.Model,
            OutputFormat = images.Count > 0 ? images[0].Format : null,
            ProviderMetadata = metadata,
        };
    }

    /// <summary>Gemini's own meanings: a bad key is a 400 <c>API_KEY_INVALID</c>; a retired model a 404 "is no longer available" (§6).</summary>
    private static ImageGenProviderException Classify(ImageGenProviderException error)
    {
        var details = error.Details;
        if (details.Code is "API_KEY_INVALID" && error is not ImageGenAuthenticationException)
        {
            return new ImageGenAuthenticationException(error.Message + " The key (x-goog-api-key) was refused: check Gemini:ApiKey or GEMINI_API_KEY.", details);
        }

        if (details.StatusCode == HttpStatusCode.NotFound && details.Message?.Contains("no longer available", StringComparison.OrdinalIgnoreCase) == true)
        {
            return new ImageGenInvalidRequestException(error.Message + " The model was retired: Gemini model ids move (the 3.1 Flash Image preview id was shut down); set Gemini:Model or request.Model to a current id.", details);
        }

        return error;
    }
}
