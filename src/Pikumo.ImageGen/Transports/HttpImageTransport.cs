using System.Net;
using Pikumo.ImageGen.Http;
using Pikumo.ImageGen.Internal;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Pikumo.ImageGen.Transports;

/// <summary>
/// The HTTP plumbing every built-in transport shares, for a host's own provider too: sending with response headers
/// first, knowing whether the request body went out (so a failure after it is reported as an unknown, possibly billed
/// outcome rather than retried), turning network failures and error answers into the library's exceptions, reading
/// OpenAI-shaped images answers, and scrubbing keys from every message. A subclass says where a call goes and how it
/// authenticates; see <c>docs/extending.md</c>.
/// </summary>
public abstract class HttpImageTransport : ImageTransport
{
    private readonly Func<HttpClient> _httpClient;

    /// <summary>Creates the transport for a client.</summary>
    /// <param name="context">What the provider's registration hands its transport factory.</param>
    protected HttpImageTransport(ImageProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _httpClient = context.HttpClientFactory;
        TimeProvider = context.TimeProvider;
        MaxResponseBytes = context.Options.MaxResponseBytes;
        BodyTimeout = context.Options.Resilience.AttemptTimeout;
    }

    /// <summary>The clock, for every delay and timeout.</summary>
    protected TimeProvider TimeProvider { get; }

    /// <summary>The largest response body read (<see cref="ImageGenOptions.MaxResponseBytes"/>).</summary>
    protected long MaxResponseBytes { get; }

    /// <summary>
    /// How long reading an answer's body may take once its headers arrived: the attempt timeout
    /// (<see cref="ImageGenResilienceOptions.AttemptTimeout"/>), which in the HTTP pipeline covers only the wait for headers.
    /// </summary>
    protected TimeSpan BodyTimeout { get; }

    /// <summary>Values that must never appear in a message (keys, tokens).</summary>
    protected abstract IReadOnlyList<string?> SecretValues { get; }

    /// <summary>Removes every <see cref="SecretValues"/> value from a text.</summary>
    /// <param name="text">A message.</param>
    /// <returns>The message without secrets.</returns>
    protected string Redact(string text) => Secrets.Redact(text, SecretValues);

    /// <summary>The client's HttpClient (with the library's resilience pipeline); ask per request, do not dispose.</summary>
    /// <returns>The HttpClient.</returns>
    protected HttpClient CreateClient() => _httpClient();

    /// <summary>The provider's request id header(s) of a response.</summary>
    /// <param name="response">The response.</param>
    /// <returns>The id, or <see langword="null"/>.</returns>
    protected abstract string? RequestIdOf(HttpResponseMessage response);

    /// <summary>
    /// Sends a request and returns once the response headers arrived. With <paramref name="request"/>, the call's sent state
    /// follows the body (the client's timeout messages and the retry policy read it). Network failures become
    /// <see cref="ImageGenConnectionException"/> or <see cref="ImageGenTimeoutException"/>; an answer with an error status is
    /// returned as is (see <see cref="ReadErrorAsync"/>).
    /// </summary>
    /// <param name="message">The request; its content may be any <see cref="HttpContent"/>.</param>
    /// <param name="request">The call the request carries, or <see langword="null"/> for a follow-up (status polling, a download).</param>
    /// <param name="cancellationToken">Cancels the send.</param>
    /// <returns>The response; dispose it.</returns>
    protected async Task<HttpResponseMessage> SendHttpAsync(HttpRequestMessage message, ImageTransportRequest? request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        UserAgent.Apply(message);
        if (request is not null)
        {
            message.Options.Set(SentSignal.Key, request.Signal);
            if (!message.Options.TryGetValue(ImageGenHttpRequestOptions.Images, out _))
            {
                message.Options.Set(ImageGenHttpRequestOptions.Images, Math.Max(1, request.Count));   // a transport that splits a call sets its own
            }

            if (message.Content is IRaisesSentSignal own)
            {
                own.Signal = request.Signal;
            }
            else if (message.Content is { } foreign)
            {
                message.Content = new SentSignalContent(foreign, request.Signal);
            }
        }

        try
        {
            return await CreateClient().SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (TimeoutRejectedException ex)
        {
            throw new ImageGenTimeoutException(
                $"{ProviderName}: an attempt exceeded the {ex.Timeout.TotalSeconds:0} s attempt timeout (ImageGenOptions.Resilience.AttemptTimeout).",
                ProviderName, ex.Timeout, request?.RequestSent ?? false, innerException: ex);
        }
        catch (TaskCanceledException ex) when (ex.InnerException is TimeoutException)
        {
            throw new ImageGenTimeoutException(
                $"{ProviderName}: HttpClient.Timeout ran out. Image calls take minutes: leave HttpClient.Timeout infinite and use ImageGenOptions.Timeout.",
                ProviderName, Timeout.InfiniteTimeSpan, request?.RequestSent ?? false, innerException: ex);
        }
        catch (BrokenCircuitException ex)
        {
            throw new ImageGenConnectionException(
                $"{ProviderName}: the circuit breaker is open after repeated failures; the call was not sent.",
                ProviderName, requestSent: false, ex);
        }
        catch (HttpRequestException ex) when (Find<ArgumentException>(ex) is { } argument)
        {
            // A streamed reference turned out larger than the model's limit while it was being sent.
            throw argument;
        }
        catch (HttpRequestException ex)
        {
            var sent = request?.RequestSent ?? false;
            throw new ImageGenConnectionException(
                Redact($"{ProviderName}: the connection failed {(sent ? "after the request was sent, so the outcome is unknown" : "before the request was sent")}: {ex.Message}"),
                ProviderName, sent, ex);
        }
    }

    /// <summary>Reads an error answer into the exception it maps to (status, provider code, request id, Retry-After; keys redacted).</summary>
    /// <param name="response">A response whose status is not a success.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The exception to throw.</returns>
    protected Task<ImageGenProviderException> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        ProviderErrors.ReadAsync(response, ProviderName, RequestIdOf(response), TimeProvider, Redact, cancellationToken);

    /// <summary>
    /// Reads an OpenAI-shaped images answer (<c>{"data":[{"b64_json":…}],"usage":…}</c>) into a result: an error status
    /// becomes its exception, an error object in a success, a body cut off or over the size cap, or missing images become
    /// <see cref="ImageGenProtocolException"/>.
    /// </summary>
    /// <param name="response">The response.</param>
    /// <param name="request">The call it answers.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The result; the client fills timing and cost.</returns>
    protected async Task<ImageResult> ReadImagesAsync(HttpResponseMessage response, ImageTransportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(request);
        if (!response.IsSuccessStatusCode)
        {
            throw await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
        }

        var payload = await ReadPayloadAsync(response, cancellationToken).ConfigureAwait(false);
        return ToResult(payload, request, RequestIdOf(response), response.StatusCode);
    }

    /// <summary>Reads a JSON images answer (OpenAI shape) into a payload.</summary>
    private protected async Task<ImagesPayload> ReadPayloadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var requestId = RequestIdOf(response);
        using var bodyTimeout = new CancellationTokenSource(BodyTimeout, TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, bodyTimeout.Token);
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(linked.Token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                // Images are decoded as they arrive: written to the call's destination (ImageGenClient.EditAsync(request,
                // destination)) or, without one, held as exactly-sized arrays.
                var payload = await ImagesStreamingReader.ReadAsync(stream, MaxResponseBytes, ImageDestinationScope.Current, linked.Token).ConfigureAwait(false);
                if (payload.HasError)
                {
                    throw Protocol(response, $"answered {(int)response.StatusCode} with an error object: {Describe(payload)}");
                }

                return payload;
            }
        }
        catch (DestinationFailedException ex)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(ex.InnerException!);
            throw;
        }
        catch (InvalidDataException ex)
        {
            var mediaType = response.Content.Headers.ContentType?.MediaType;
            var what = mediaType is null || mediaType.Contains("json", StringComparison.OrdinalIgnoreCase) ? string.Empty : $" (content type {mediaType})";
            throw Protocol(response, $"answered {(int)response.StatusCode} with a body that is not a valid images response{what}: {ex.Message}", ex);
        }
        catch (Exception ex) when (bodyTimeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested && ex is OperationCanceledException or IOException or HttpRequestException)
        {
            throw new ImageGenTimeoutException(
                Redact($"{ProviderName}: reading the answer took longer than the {BodyTimeout.TotalSeconds:0} s attempt timeout (ImageGenOptions.Resilience.AttemptTimeout) after its headers arrived; the provider ran the call and may bill it{(requestId is null ? string.Empty : $" (request id {requestId})")}."),
                ProviderName, BodyTimeout, requestSent: true, requestId, ex);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException && !cancellationToken.IsCancellationRequested)
        {
            // The status line said the call ran: a body that breaks off loses images the provider may bill.
            throw Protocol(response, $"the response was cut off while it was read, after the provider answered {(int)response.StatusCode}, so it may bill the call: {ex.Message}", ex, cutOff: response.IsSuccessStatusCode);
        }

        ImageGenProtocolException Protocol(HttpResponseMessage r, string what, Exception? inner = null, bool cutOff = false) =>
            new(Redact($"{ProviderName} {what}{(requestId is null ? string.Empty : $" (request id {requestId})")}"), ProviderName, requestId, r.StatusCode, inner) { CutOff = cutOff };
    }

    /// <summary>Turns a payload into a result, checking that every image is an image and that none is missing.</summary>
    private protected ImageResult ToResult(ImagesPayload payload, ImageTransportRequest request, string? requestId, HttpStatusCode status, TimeSpan? processingTime = null, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var images = new List<GeneratedImage>(payload.Images.Count);
        string? problem = null;
        for (var i = 0; i < payload.Images.Count; i++)
        {
            var decoded = payload.Images[i];
            if (decoded.Saved is { } saved)
            {
                if (saved.Header is null)
                {
                    problem ??= $"data[{i}] is not a PNG, JPEG or WEBP image";
                    continue;
                }

                images.Add(new GeneratedImage(images.Count, saved.Header, saved.Length, saved.Sha256, saved.Path, decoded.RevisedPrompt));
                continue;
            }

            if (decoded.Data is null)
            {
                problem ??= decoded.Url is null ? $"data[{i}] has no b64_json" : $"data[{i}] has only a URL; the library asks for b64_json";
                continue;
            }

            var image = new GeneratedImage(images.Count, decoded.Data, decoded.RevisedPrompt, decoded.Url);
            if (image.Format is null)
            {
                problem ??= $"data[{i}] is not a PNG, JPEG or WEBP image";
                continue;
            }

            images.Add(image);
        }

        var result = new ImageResult
        {
            Images = images,
            Usage = payload.Usage,
            RequestId = requestId,
            ProcessingTime = processingTime,
            Provider = ProviderName,
            Model = request.Model,
            Created = payload.Created is { } created ? DateTimeOffset.FromUnixTimeSeconds(created) : null,
            Size = ResultEchoes.Size(payload.Size),
            Quality = ResultEchoes.Quality(payload.Quality),
            Background = ResultEchoes.Background(payload.Background),
            OutputFormat = ResultEchoes.Format(payload.OutputFormat),
            ProviderMetadata = metadata ?? new Dictionary<string, string>(),
        };

        if (problem is null && images.Count < request.Count)
        {
            problem = $"asked for {request.Count} images and got {images.Count}";
        }

        return problem is null
            ? result
            : throw new ImageGenProtocolException(Redact($"{ProviderName}: {problem}{(requestId is null ? string.Empty : $" (request id {requestId})")}; the images that did arrive are in PartialResult."), ProviderName, requestId, status)
            {
                PartialResult = result,
            };
    }

    /// <summary>An error object in a success answer, naming only the facts it has (never an empty <c>code</c>).</summary>
    private static string Describe(ImagesPayload payload)
    {
        var facts = new[] { ("code", payload.ErrorCode), ("type", payload.ErrorType) }
            .Where(f => !string.IsNullOrWhiteSpace(f.Item2))
            .Select(f => $"{f.Item1} {f.Item2}")
            .ToArray();
        var message = string.IsNullOrWhiteSpace(payload.ErrorMessage) ? "no message" : payload.ErrorMessage;
        return facts.Length == 0 ? message : $"{message} ({string.Join(", ", facts)})";
    }

    private static T? Find<T>(Exception? exception)
        where T : Exception
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is T match)
            {
                return match;
            }
        }

        return null;
    }
}
