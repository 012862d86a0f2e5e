using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Pikumo.ImageGen.Http;

namespace Pikumo.ImageGen.Transports.Fal;

/// <summary>
/// fal.ai: JSON bodies with references as <c>data:</c> URIs (or uploaded to fal's CDN when large), the queue
/// (submit → status polling with back-off → result, cancel on cancellation) or the sync route, and result
/// images downloaded from https URLs only. Fields fal's gpt-image-2 endpoints do not take are refused before the call.
/// </summary>
internal sealed partial class FalImageTransport : HttpImageTransport
{
    private readonly FalProviderOptions _options;
    private readonly ImageDownloader _downloader;

    public FalImageTransport(ImageProviderContext<FalProviderOptions> context)
        : base(context)
    {
        var options = _options = context.Settings;
        _downloader = new ImageDownloader(new DownloadRules("fal", options.TrustedDownloadHosts, options.MaxDownloadBytes, "Fal:MaxDownloadBytes", options.DownloadTimeout, "Fal:DownloadTimeout"), context.HttpClientFactory, context.TimeProvider);
    }

    public override string ProviderName => "fal";

    public override string? DefaultModel => _options.Model;

    protected override IReadOnlyList<string?> SecretValues => [_options.ApiKey, KeySecret(_options.ApiKey)];

    /// <summary>
    /// What the model's field table (<see cref="FalModels.For"/>) takes: on fal's gpt-image-2 endpoints the fields with a
    /// fal wire name in <see cref="ImageFields"/> (prompt, images, mask, size, quality, count 1–4, output format) and raw
    /// ones; FLUX.2 and Nano Banana their own tables; another fal app id the fields most fal models share.
    /// </summary>
    public override ImageModelCapabilities AdjustCapabilities(ImageModelCapabilities capabilities)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        var map = FalModels.For(capabilities.Model);
        return map == FalModels.GptImage
            ? ImageFields.Restrict(capabilities, map.Takes) with { MaxCount = Math.Min(capabilities.MaxCount, 4), SupportsExtraFields = true }
            : FalModels.FromTable(map, capabilities);
    }

    public override async Task<ImageResult> SendAsync(ImageTransportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var map = FalModels.For(request.Capabilities.Model);
        var endpoint = EndpointOf(request.Model, map, request.Operation);
        if (map.MaxInputPixels is { } most && request.Images.Sum(i => (long)i.Header.Width * i.Header.Height) is var pixels && pixels > most)
        {
            throw new ArgumentException($"request.Images have {pixels:N0} pixels together; {map.Model} takes at most {most:N0} pixels of input (9 MP).", "request.Images");
        }

        var content = await CreateContentAsync(request, map, cancellationToken).ConfigureAwait(false);
        if (!_options.UseQueue)
        {
            using var sync = Message(HttpMethod.Post, new Uri(Base(_options.SyncBaseAddress), endpoint), content);
            using var response = await SendHttpAsync(sync, request, cancellationToken).ConfigureAwait(false);
            var requestId = Qualified(endpoint, RequestIdOf(response));
            MarkRequestSent(request, requestId);
            var output = await ReadOutputAsync(response, cancellationToken).ConfigureAwait(false);
            return await ToResultAsync(output, request.Model, requestId, Metadata(endpoint, requestId, null), cancellationToken).ConfigureAwait(false);
        }

        using var submit = Message(HttpMethod.Post, new Uri(Base(_options.QueueBaseAddress), endpoint), content);
        FalJob job;
        using (var response = await SendHttpAsync(submit, request, cancellationToken).ConfigureAwait(false))
        {
            job = FalJob.Parse(await ReadOutputAsync(response, cancellationToken).ConfigureAwait(false), Base(_options.QueueBaseAddress), endpoint);
        }

        job = job with { RequestId = Qualified(endpoint, job.RequestId)! };
        MarkRequestSent(request, job.RequestId);
        try
        {
            await WaitForCompletionAsync(job, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await CancelAsync(job).ConfigureAwait(false);
            throw;
        }

        return await FetchAsync(job, request.Model, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for the job to complete (it may still be queued or running after a process was killed), then fetches its result.</summary>
    public override Task<ImageResult> GetResultAsync(string providerRequestId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(providerRequestId);
        var slash = providerRequestId.LastIndexOf('/');
        var endpoint = slash > 0 ? providerRequestId[..slash] : _options.EditEndpoint.Trim('/');
        var job = FalJob.FromRequestId(providerRequestId[(slash + 1)..], Base(_options.QueueBaseAddress), endpoint) with { RequestId = providerRequestId };
        return FetchWhenCompletedAsync(job, slash > 0 ? endpoint : _options.Model, cancellationToken);
    }

    /// <summary>
    /// The endpoint of a call: the options' endpoints for gpt-image, the table's for FLUX.2 and Nano Banana, and for another
    /// fal app id the id itself (generations) or the id with <c>/edit</c> (edits, unless it ends with it already).
    /// </summary>
    private string EndpointOf(string model, FalModelMap map, ImageOperation operation)
    {
        var edit = operation == ImageOperation.Edit;
        if (map == FalModels.GptImage)
        {
            return (edit ? _options.EditEndpoint : _options.GenerateEndpoint).Trim('/');
        }

        if (map == FalModels.UnknownApp)
        {
            var app = model.Trim('/');
            return edit && !app.EndsWith("/edit", StringComparison.Ordinal) ? app + "/edit" : app;
        }

        return (edit ? map.EditEndpoint : map.GenerateEndpoint)!;
    }

    /// <summary>
    /// A job of another app than the default edit endpoint's is named <c>{owner}/{alias}/{id}</c>, so that fetching it by id
    /// later (a resumed sequence, <see cref="ImageGenClient.GetResultAsync"/>) finds its app.
    /// </summary>
    private string? Qualified(string endpoint, string? id)
    {
        if (id is null)
        {
            return null;
        }

        var app = string.Join('/', endpoint.Split('/').Take(2));
        var defaultApp = string.Join('/', _options.EditEndpoint.Trim('/').Split('/').Take(2));
        return string.Equals(app, defaultApp, StringComparison.Ordinal) ? id : $"{app}/{id}";
    }

    protected override string? RequestIdOf(HttpResponseMessage response) => ResponseHeaders.First(response.Headers, "x-fal-request-id");

    private async Task<ImageResult> FetchWhenCompletedAsync(FalJob job, string model, CancellationToken cancellationToken)
    {
        await WaitForCompletionAsync(job, cancellationToken).ConfigureAwait(false);
        return await FetchAsync(job, model, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ImageResult> FetchAsync(FalJob job, string model, CancellationToken cancellationToken)
    {
        using var message = Message(HttpMethod.Get, job.ResponseUrl, content: null);
        using var response = await SendHttpAsync(message, null, cancellationToken).ConfigureAwait(false);
        var output = await ReadOutputAsync(response, cancellationToken, job.RequestId).ConfigureAwait(false);
        return await ToResultAsync(output, model, job.RequestId, Metadata(job.Endpoint, job.RequestId, job), cancellationToken).ConfigureAwait(false);
    }

    private async Task WaitForCompletionAsync(FalJob job, CancellationToken cancellationToken)
    {
        var delay = _options.PollInterval;
        while (true)
        {
            using var message = Message(HttpMethod.Get, job.StatusUrl, content: null);
            using var response = await SendHttpAsync(message, null, cancellationToken).ConfigureAwait(false);
            using var status = await ReadOutputAsync(response, cancellationToken, job.RequestId).ConfigureAwait(false);
            var state = status.RootElement.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            if (state == "COMPLETED")
            {
                return; // success or failure: the result says which
            }

            if (state is not ("IN_QUEUE" or "IN_PROGRESS"))
            {
                throw new ImageGenProtocolException($"fal: job {job.RequestId} reported the unknown status '{state}'.", ProviderName, job.RequestId, response.StatusCode);
            }

            Internal.ImageCallObserver.Status(state, status.RootElement.TryGetProperty("queue_position", out var p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out var position) ? position : null);

            await Task.Delay(delay, TimeProvider, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxPollInterval.Ticks));
        }
    }

    /// <summary>Asks fal to cancel a job the caller gave up on; best effort, never throws.</summary>
    private async Task CancelAsync(FalJob job)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10), TimeProvider);
            using var message = Message(HttpMethod.Put, job.CancelUrl, content: null);
            using var response = await CreateClient().SendAsync(message, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException or ImageGenException)
        {
            // The job may already be done or gone; the caller's cancellation stands either way.
        }
    }

    private async Task<JsonImageContent> CreateContentAsync(ImageTransportRequest request, FalModelMap map, CancellationToken cancellationToken)
    {
        var content = new JsonImageContent();
        var scalars = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(scalars))
        {
            writer.WriteStartObject();
            FalFields.Write(writer, request, map);
            writer.WriteEndObject();
        }

        // The scalars' object minus its closing brace; image URLs follow, then the brace.
        content.AddRaw(scalars.WrittenSpan[..^1]);
        if (request.Images.Count > 0)
        {
            content.AddRaw(",\"image_urls\":[");
            for (var i = 0; i < request.Images.Count; i++)
            {
                content.AddRaw(i == 0 ? string.Empty : ",");
                await AddImageAsync(content, request.Images[i], cancellationToken).ConfigureAwait(false);
            }

            content.AddRaw("]");
        }

        if (request.Mask is not null)
        {
            content.AddRaw(",\"mask_url\":");
            await AddImageAsync(content, request.Mask, cancellationToken).ConfigureAwait(false);
        }

        content.AddRaw("}");
        return content;
    }

    private async Task AddImageAsync(JsonImageContent content, PreparedImage image, CancellationToken cancellationToken)
    {
        if (image.Length is { } length && length <= _options.InlineImageLimitBytes)
        {
            content.AddDataUri(image);
            return;
        }

        var url = await UploadAsync(image, cancellationToken).ConfigureAwait(false);
        content.AddRaw(JsonSerializer.Serialize(url, FalJsonContext.Default.String));
    }

    /// <summary>fal's CDN upload: initiate with the key, then PUT the bytes to the signed URL it returns (no key there).</summary>
    private async Task<string> UploadAsync(PreparedImage image, CancellationToken cancellationToken)
    {
        var initiate = new Uri(Base(_options.RestBaseAddress), "storage/upload/initiate?storage_type=fal-cdn-v3");
        var body = JsonSerializer.SerializeToUtf8Bytes(new FalUploadRequest(image.MediaType, image.FileName), FalJsonContext.Default.FalUploadRequest);
        using var message = Message(HttpMethod.Post, initiate, new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } });
        string uploadUrl, fileUrl;
        using (var response = await SendHttpAsync(message, null, cancellationToken).ConfigureAwait(false))
        {
            using var answer = await ReadOutputAsync(response, cancellationToken).ConfigureAwait(false);
            uploadUrl = answer.RootElement.TryGetProperty("upload_url", out var u) ? u.GetString() ?? string.Empty : string.Empty;
            fileUrl = answer.RootElement.TryGetProperty("file_url", out var f) ? f.GetString() ?? string.Empty : string.Empty;
        }

        if (!Uri.TryCreate(uploadUrl, UriKind.Absolute, out var target) || fileUrl.Length == 0)
        {
            throw new ImageGenProtocolException("fal: the upload initiation answer has no upload_url or file_url.", ProviderName, null);
        }

        var source = await image.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            using var put = new HttpRequestMessage(HttpMethod.Put, target) { Content = new StreamContent(source) };
            put.Content.Headers.ContentType = new MediaTypeHeaderValue(image.MediaType);
            using var uploaded = await SendHttpAsync(put, null, cancellationToken).ConfigureAwait(false);
            if (!uploaded.IsSuccessStatusCode)
            {
                throw await ReadErrorAsync(uploaded, cancellationToken).ConfigureAwait(false);
            }
        }

        return fileUrl;
    }

    private async Task<JsonDocument> ReadOutputAsync(HttpResponseMessage response, CancellationToken cancellationToken, string? jobId = null)
    {
        if (!response.IsSuccessStatusCode)
        {
            var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            if (jobId is not null && error.RequestId != jobId)
            {
                // The job's id is the one that identifies the paid work (and fetches it again).
                throw ProviderErrors.Create(error.Details with { RequestId = jobId }, Redact);
            }

            throw error;
        }

        var requestId = RequestIdOf(response) ?? jobId;
        try
        {
            var (body, overflowed) = await BoundedRead.ReadAsync(response.Content, MaxResponseBytes, cancellationToken).ConfigureAwait(false);
            if (overflowed)
            {
                throw new InvalidDataException($"larger than the {MaxResponseBytes:N0}-byte cap");
            }

            var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new InvalidDataException("not a JSON object");
            }

            return document;
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or IOException)
        {
            throw new ImageGenProtocolException(Redact($"fal answered {(int)response.StatusCode} with a body that could not be read: {ex.Message}{(requestId is null ? string.Empty : $" (request id {requestId})")}"), ProviderName, requestId, response.StatusCode, ex);
        }
    }

    private async Task<ImageResult> ToResultAsync(JsonDocument output, string model, string? requestId, Dictionary<string, string> metadata, CancellationToken cancellationToken)
    {
        using (output)
        {
            var root = output.RootElement;
            if (!root.TryGetProperty("images", out var images) || images.ValueKind != JsonValueKind.Array)
            {
                throw new ImageGenProtocolException($"fal: the result has no images array{(requestId is null ? string.Empty : $" (request id {requestId})")}.", ProviderName, requestId, HttpStatusCode.OK);
            }

            var urls = images.EnumerateArray()
                .Select(i => i.ValueKind == JsonValueKind.Object && i.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()! : string.Empty)
                .ToArray();
            var downloads = await Task.WhenAll(urls.Select((url, i) => _downloader.DownloadAsync(url, i, cancellationToken))).ConfigureAwait(false);
            var result = new List<GeneratedImage>(downloads.Length);
            for (var i = 0; i < downloads.Length; i++)
            {
                var image = new GeneratedImage(i, downloads[i], sourceUrl: urls[i].StartsWith("data:", StringComparison.Ordinal) ? null : urls[i]);
                if (image.Format is null)
                {
                    throw new ImageGenProtocolException($"fal: result image {i} is not a PNG, JPEG or WEBP image.", ProviderName, requestId, HttpStatusCode.OK);
                }

                result.Add(image);
            }

            return new ImageResult
            {
                Images = result,
                RequestId = requestId,
                Provider = ProviderName,
                Model = model,
                // fal documents no usage; if one appears in OpenAI's shape, read it with the same reader.
                Usage = root.TryGetProperty("usage", out var usage) && usage.ValueKind == JsonValueKind.Object
                    ? ImagesResponseReader.Parse(System.Text.Encoding.UTF8.GetBytes($"{{\"usage\":{usage.GetRawText()}}}")).Usage
                    : null,
                ProviderMetadata = metadata,
            };
        }
    }

    /// <summary>The secret half of an <c>id:secret</c> key, which a message could quote on its own.</summary>
    private static string? KeySecret(string? key) => key?.IndexOf(':', StringComparison.Ordinal) is { } colon and >= 0 ? key[(colon + 1)..] : null;

    private HttpRequestMessage Message(HttpMethod method, Uri uri, HttpContent? content)
    {
        var message = new HttpRequestMessage(method, uri) { Content = content };
        message.Headers.Authorization = new AuthenticationHeaderValue("Key", _options.ApiKey);
        UserAgent.Apply(message);
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (!_options.StoreIO)
        {
            message.Headers.TryAddWithoutValidation("X-Fal-Store-IO", "0");
        }

        return message;
    }

    private static Dictionary<string, string> Metadata(string endpoint, string? requestId, FalJob? job)
    {
        var metadata = new Dictionary<string, string> { ["fal.endpoint"] = endpoint };
        if (requestId is not null)
        {
            metadata["fal.request_id"] = requestId;
        }

        if (job is not null)
        {
            metadata["fal.response_url"] = job.ResponseUrl.ToString();
            metadata["fal.status_url"] = job.StatusUrl.ToString();
        }

        return metadata;
    }

    private static Uri Base(Uri uri) => Internal.Uris.WithTrailingSlash(uri);
}
