using System.Buffers;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Pikumo.ImageGen.Http;

namespace Pikumo.ImageGen.Transports.OpenAI;

/// <summary>
/// The OpenAI images wire, which Azure shares: multipart <c>/images/edits</c> with an <c>image[]</c> part per
/// reference, JSON <c>/images/generations</c>, JSON or server-sent-event answers. Subclasses say where requests
/// go and how they authenticate.
/// </summary>
internal abstract class OpenAICompatibleTransport : HttpImageTransport
{
    protected OpenAICompatibleTransport(ImageProviderContext context)
        : base(context)
    {
    }

    /// <summary>Hosts whose image URLs are downloaded without the address rules.</summary>
    protected virtual IEnumerable<string> TrustedDownloadHosts => [];

    /// <summary>Whether the <c>model</c> field is sent (Azure's deployment route carries the deployment in the path).</summary>
    protected virtual bool SendsModelField => true;

    /// <summary>The URL of an operation.</summary>
    protected abstract Uri EndpointFor(ImageOperation operation, string model);

    /// <summary>Adds the credentials to a request.</summary>
    protected abstract ValueTask AuthorizeAsync(HttpRequestMessage message, CancellationToken cancellationToken);

    /// <inheritdoc />
    public override async Task<ImageResult> SendAsync(ImageTransportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = await CreateMessageAsync(request, cancellationToken).ConfigureAwait(false);
        using var response = await SendHttpAsync(message, request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
        }

        var payload = await ReadPayloadAsync(response, cancellationToken).ConfigureAwait(false);
        await DownloadUrlsAsync(payload, RequestIdOf(response), cancellationToken).ConfigureAwait(false);
        return ToResult(payload, request, RequestIdOf(response), response.StatusCode, ResponseHeaders.ProcessingTime(response.Headers));
    }

    /// <inheritdoc />
    public override async IAsyncEnumerable<ImageStreamUpdate> StreamAsync(ImageTransportRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = await CreateMessageAsync(request, cancellationToken).ConfigureAwait(false);
        using var response = await SendHttpAsync(message, request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
        }

        var requestId = RequestIdOf(response);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var _ = stream.ConfigureAwait(false);
        var completed = 0;
        // Each event's JSON is parsed from the parser's buffer as it is handed over, so its base64 (1.33x the image) is
        // never copied into an array of its own: an event costs its decoded image and nothing of that size besides.
        var events = SseParser.Create(stream, static (type, data) => ParseEvent(type, data)).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using var __ = events.ConfigureAwait(false);
        while (true)
        {
            try
            {
                if (!await events.MoveNextAsync().ConfigureAwait(false))
                {
                    break;
                }
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
            {
                throw new ImageGenProtocolException(
                    Redact($"{ProviderName}: the event stream was cut off after {completed} final image(s): {ex.Message}{(requestId is null ? string.Empty : $" (request id {requestId})")}"),
                    ProviderName, requestId, response.StatusCode, ex)
                {
                    CutOff = true,
                };
            }

            var item = events.Current;
            if (item.Data.Error is { } invalid)
            {
                throw new ImageGenProtocolException(Redact($"{ProviderName}: a streamed event could not be read: {invalid.Message}"), ProviderName, requestId, response.StatusCode, invalid);
            }

            var payload = item.Data.Payload!;
            var type = payload.Type ?? item.Data.Type;
            if (payload.HasError || type == "error")
            {
                throw ProviderErrors.Create(
                    new ProviderErrorDetails
                    {
                        Provider = ProviderName,
                        StatusCode = response.StatusCode,
                        Message = payload.ErrorMessage,
                        Code = payload.ErrorCode,
                        Type = payload.ErrorType,
                        Parameter = payload.ErrorParameter,
                        RequestId = requestId,
                    },
                    Redact);
            }

            var isPartial = type.EndsWith("partial_image", StringComparison.Ordinal);
            if (!isPartial && !type.EndsWith("completed", StringComparison.Ordinal))
            {
                continue; // an event type newer than this library
            }

            if (payload.Images.Count == 0 || payload.Images[0].Data is not { } data)
            {
                throw new ImageGenProtocolException(Redact($"{ProviderName}: the '{type}' event has no image"), ProviderName, requestId, response.StatusCode);
            }

            yield return new ImageStreamUpdate
            {
                Kind = isPartial ? ImageStreamUpdateKind.Partial : ImageStreamUpdateKind.Completed,
                Image = new GeneratedImage(isPartial ? 0 : completed++, data),
                PartialImageIndex = isPartial ? payload.PartialImageIndex : null,
                Usage = payload.Usage,
                RequestId = requestId,
            };
        }

        if (completed == 0)
        {
            throw new ImageGenProtocolException(Redact($"{ProviderName}: the stream ended without a completed image"), ProviderName, requestId, response.StatusCode);
        }
    }

    /// <summary>
    /// Items that carry only a <c>url</c> (dall-e-3, some Azure answers) are downloaded by the same safe downloader as fal's
    /// results: https, public hosts, the response cap. The images are paid for, so they are fetched rather than dropped.
    /// </summary>
    private async Task DownloadUrlsAsync(ImagesPayload payload, string? requestId, CancellationToken cancellationToken)
    {
        var missing = payload.Images.Select((image, index) => (image, index)).Where(p => p.image.Data is null && p.image.Url is not null).ToArray();
        if (missing.Length == 0)
        {
            return;
        }

        var downloader = new ImageDownloader(
            new DownloadRules(ProviderName, TrustedDownloadHosts, MaxResponseBytes, "ImageGenOptions.MaxResponseBytes", BodyTimeout, "ImageGenOptions.Resilience.AttemptTimeout"),
            CreateClient,
            TimeProvider);
        foreach (var (image, index) in missing)
        {
            try
            {
                image.Data = await downloader.DownloadAsync(image.Url!, index, cancellationToken).ConfigureAwait(false);
            }
            catch (ImageGenException ex)
            {
                // The URL without its query: a signed URL's signature grants access to the image, so it stays out of messages.
                var shown = Uri.TryCreate(image.Url, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Path) : "(not a URL)";
                throw new ImageGenProtocolException(
                    Redact($"{ProviderName} answered with image URLs only and image {index} ({shown}) could not be downloaded: {ex.Message}{(requestId is null ? string.Empty : $" (request id {requestId})")}"),
                    ProviderName, requestId, System.Net.HttpStatusCode.OK, ex);
            }
        }
    }

    /// <summary>Parses one event's data; a malformed event is carried to the loop, which reports it with the request id.</summary>
    private static (string Type, ImagesPayload? Payload, InvalidDataException? Error) ParseEvent(string type, ReadOnlySpan<byte> data)
    {
        try
        {
            return (type, ImagesResponseReader.Parse(data), null);
        }
        catch (InvalidDataException ex)
        {
            return (type, null, ex);
        }
    }

    private async Task<HttpRequestMessage> CreateMessageAsync(ImageTransportRequest request, CancellationToken cancellationToken)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, EndpointFor(request.Operation, request.Model))
        {
            Content = request.Operation == ImageOperation.Edit ? CreateMultipart(request) : CreateJson(request),
        };
        message.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(request.Stream ? "text/event-stream" : "application/json"));
        await AuthorizeAsync(message, cancellationToken).ConfigureAwait(false);
        return message;
    }

    private MultipartFormContent CreateMultipart(ImageTransportRequest request)
    {
        var content = new MultipartFormContent();
        foreach (var (_, name, value) in Fields(request))
        {
            content.AddField(name, ImageFields.Text(value));
        }

        // One-image models (dall-e-2) take the schema's "image"; GPT image models take a part per reference as "image[]".
        var imageField = request.Capabilities.MaxReferenceImages == 1 ? "image" : "image[]";
        foreach (var image in request.Images)
        {
            content.AddImage(imageField, image);
        }

        if (request.Mask is not null)
        {
            content.AddImage("mask", request.Mask);
        }

        return content;
    }

    private JsonRequestContent CreateJson(ImageTransportRequest request)
    {
        var buffer = new ArrayBufferWriter<byte>(256 + (request.Prompt.Length * 2));
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (field, name, value) in Fields(request))
            {
                switch (field.Kind)
                {
                    case WireKind.Integer:
                        writer.WriteNumber(name, (int)value);
                        break;
                    case WireKind.Flag:
                        writer.WriteBoolean(name, (bool)value);
                        break;
                    default:
                        writer.WriteString(name, ImageFields.Text(value));
                        break;
                }
            }

            writer.WriteEndObject();
        }

        return new JsonRequestContent(buffer.WrittenMemory);
    }

    /// <summary>The non-image fields in wire order (<see cref="ImageFields"/>); unset fields are left out.</summary>
    private IEnumerable<(ImageField Field, string Name, object Value)> Fields(ImageTransportRequest request)
    {
        foreach (var field in ImageFields.ToSend(request.Validated, WireDialect.OpenAI))
        {
            if (field.Field != ImageFields.Model || SendsModelField)
            {
                yield return field;
            }
        }
    }
}
