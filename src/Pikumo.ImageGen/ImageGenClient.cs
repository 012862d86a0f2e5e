using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pikumo.ImageGen.Diagnostics;
using Pikumo.ImageGen.Internal;
using Pikumo.ImageGen.Transports;

namespace Pikumo.ImageGen;

/// <summary>
/// The typed client for gpt-image edits and generations on OpenAI, Azure OpenAI or fal.ai. It validates every
/// request against the model's capabilities before any byte goes on the wire, limits how many calls run at
/// once, times each call, prices it, logs and traces it, and maps every failure to an
/// <see cref="ImageGenException"/>. Thread-safe; register one per provider (<c>services.AddPikumoImageGen</c>)
/// or create one directly. Methods are virtual so tests can substitute the client.
/// </summary>
public partial class ImageGenClient : IDisposable
{
    private readonly ImageTransport _transport = null!;
    private readonly ImageGenOptions _options = null!;
    private readonly TimeProvider _timeProvider = TimeProvider.System;
    private readonly ILogger _logger = NullLogger.Instance;
    private readonly SemaphoreSlim _gate = null!;
    private readonly HttpClient? _owned;

    /// <summary>Creates a client from options, without dependency injection.</summary>
    /// <param name="options">
    /// The options; validated now. The client runs on a copy: unset keys and endpoints are filled from the environment
    /// into that copy, never into this object, and changing this object later does not change the client.
    /// </param>
    /// <param name="httpClient">
    /// The HttpClient to send with; by default one is created with the library's resilience pipeline and owned by
    /// this client. A supplied client is used as is: keep its <c>Timeout</c> infinite (the options' timeout applies).
    /// </param>
    /// <param name="loggerFactory">Logging, or none.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> by default.</param>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">The options are invalid.</exception>
    public ImageGenClient(ImageGenOptions options, HttpClient? httpClient = null, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options = options.Copy();
        options.ApplyEnvironment();
        ImageGenOptionsValidator.ThrowIfInvalid(Microsoft.Extensions.Options.Options.DefaultName, options);
        timeProvider ??= TimeProvider.System;
        var logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ImageGenClient>();
        if (httpClient is null)
        {
            httpClient = ImageGenHttpClients.CreateDefault(options, timeProvider, logger);
            _owned = httpClient;
        }

        var client = httpClient;
        _transport = ImageProviders.CreateTransport(options, () => client, timeProvider, services: null);
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _gate = new SemaphoreSlim(options.MaxConcurrentCalls, options.MaxConcurrentCalls);
        Name = Microsoft.Extensions.Options.Options.DefaultName;
    }

    /// <summary>Creates a client over a transport (dependency injection and custom transports).</summary>
    /// <param name="name">The client's name.</param>
    /// <param name="transport">The transport.</param>
    /// <param name="options">The validated options; the client runs on a copy.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="logger">The logger.</param>
    public ImageGenClient(string name, ImageTransport transport, ImageGenOptions options, TimeProvider? timeProvider = null, ILogger<ImageGenClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(transport);
        ArgumentNullException.ThrowIfNull(options);
        Name = name;
        _transport = transport;
        _options = options.Copy();
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _gate = new SemaphoreSlim(options.MaxConcurrentCalls, options.MaxConcurrentCalls);
    }

    /// <summary>
    /// Creates the HttpClient the library builds for itself, with its pipeline (retry of what surely did not run,
    /// circuit breaker, per-attempt timeout, rate-limit headers) in front of a handler of your choice: a proxy, a
    /// test double or the offline simulator. <c>Timeout</c> is infinite; the options' timeouts apply.
    /// </summary>
    /// <param name="options">The options whose <see cref="ImageGenOptions.Resilience"/> settings apply.</param>
    /// <param name="primaryHandler">The innermost handler; a pooled <see cref="SocketsHttpHandler"/> without redirects when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock for back-off and timeouts.</param>
    /// <param name="loggerFactory">Logging of retries.</param>
    /// <returns>The HttpClient; the caller owns it.</returns>
    public static HttpClient CreateHttpClient(ImageGenOptions options, HttpMessageHandler? primaryHandler = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return ImageGenHttpClients.CreateDefault(options, timeProvider ?? TimeProvider.System, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<ImageGenClient>(), primaryHandler);
    }

    /// <summary>For mocking frameworks.</summary>
    protected ImageGenClient()
    {
        Name = string.Empty;
    }

    /// <summary>The client's name (the DI name; empty for the default client).</summary>
    public virtual string Name { get; }

    /// <summary>The provider the client calls (<c>openai</c>, <c>azure.ai.openai</c>, <c>fal</c>…).</summary>
    public virtual string ProviderName => _transport.ProviderName;

    /// <summary>The name the provider is registered and configured under (<see cref="ImageGenOptions.ProviderName"/>), without copying the options.</summary>
    internal string RegisteredProviderName => _options.ProviderName;

    /// <summary>
    /// A copy of the options the client runs with (environment values filled in). Each read returns a new copy:
    /// changing it does not change the client.
    /// </summary>
    public virtual ImageGenOptions Options => _options.Copy();

    /// <summary>Edits reference images: <c>POST /images/edits</c> with an <c>image[]</c> part per reference.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The images, usage, cost, time and request id.</returns>
    /// <exception cref="ArgumentException">The request breaks a rule of the model; nothing was sent.</exception>
    /// <exception cref="ImageGenException">The call failed; see the subclasses.</exception>
    public virtual Task<ImageResult> EditAsync(ImageEditRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RunAsync(request, cancellationToken);
    }

    /// <summary>Generates images from text: <c>POST /images/generations</c>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The images, usage, cost, time and request id.</returns>
    /// <exception cref="ArgumentException">The request breaks a rule of the model; nothing was sent.</exception>
    /// <exception cref="ImageGenException">The call failed; see the subclasses.</exception>
    public virtual Task<ImageResult> GenerateAsync(ImageGenerateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return RunAsync(request, cancellationToken);
    }

    /// <summary>Streams an edit: partial images as the provider refines them (<see cref="ImageRequest.PartialImages"/>), then the final image(s).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The updates as they arrive.</returns>
    public virtual IAsyncEnumerable<ImageStreamUpdate> StreamEditAsync(ImageEditRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StreamAsync(request, cancellationToken);
    }

    /// <summary>Streams a generation: partial images, then the final image(s).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the stream.</param>
    /// <returns>The updates as they arrive.</returns>
    public virtual IAsyncEnumerable<ImageStreamUpdate> StreamGenerateAsync(ImageGenerateRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StreamAsync(request, cancellationToken);
    }

    /// <summary>
    /// Fetches a call's result again by the provider's request id instead of paying for a new call: for example
    /// after a timeout whose <see cref="ImageGenException.RequestId"/> names a fal queue job that went on running.
    /// </summary>
    /// <param name="requestId">The provider's request id.</param>
    /// <param name="cancellationToken">Cancels the fetch.</param>
    /// <returns>The result (its cost is estimated from the price table).</returns>
    /// <exception cref="NotSupportedException">The provider keeps no results (OpenAI, Azure).</exception>
    public virtual async Task<ImageResult> GetResultAsync(string requestId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(requestId);
        var start = _timeProvider.GetTimestamp();
        using var timeout = new CancellationTokenSource(_options.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var result = await _transport.GetResultAsync(requestId, linked.Token).ConfigureAwait(false);
        var model = string.IsNullOrEmpty(result.Model) ? DefaultModel() : result.Model;
        return new ImageResult(result)
        {
            Elapsed = _timeProvider.GetElapsedTime(start),
            Model = model,
            Provider = _transport.ProviderName,
            Cost = result.Cost ?? _options.Prices.Compute(_transport.ProviderName, _options.CatalogModel(model), result.Usage, result.Images.Count, new ImageQuality(_options.DefaultQuality), isEdit: true),
        };
    }

    /// <summary>The capabilities validation uses for a model on this client's provider.</summary>
    /// <param name="model">The model; the options' default when <see langword="null"/>.</param>
    /// <returns>The capabilities.</returns>
    public virtual ImageModelCapabilities GetCapabilities(ImageModel? model = null)
    {
        var id = model is { } m ? ImageModel.Normalize(m) : DefaultModel();
        return _transport.AdjustCapabilities(_options.Models.Resolve(_options.CatalogModel(id)) with { Model = id });
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases the HttpClient the client created, if any.</summary>
    /// <param name="disposing">Whether called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _owned?.Dispose();
            _gate?.Dispose();
            _transport?.Dispose();
        }
    }

    private string DefaultModel() => _transport.DefaultModel ?? _options.DefaultModel;

    private async Task<ImageResult> RunAsync(ImageRequest request, CancellationToken cancellationToken)
    {
        var prepared = await PrepareAsync(request, stream: false, cancellationToken).ConfigureAwait(false);
        using var scope = await CallScope.EnterAsync(this, prepared, cancellationToken).ConfigureAwait(false);
        try
        {
            (var result, scope.Call) = await SendAsync(scope.Call, prepared.Warnings, scope.Token).ConfigureAwait(false);
            return scope.Succeed(result);
        }
        catch (Exception ex)
        {
            if (scope.Fail(ex) is { } mapped)
            {
                throw mapped;
            }

            throw;
        }
    }

    private async IAsyncEnumerable<ImageStreamUpdate> StreamAsync(ImageRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var prepared = await PrepareAsync(request, stream: true, cancellationToken).ConfigureAwait(false);
        using var scope = await CallScope.EnterAsync(this, prepared, cancellationToken).ConfigureAwait(false);
        IAsyncEnumerator<ImageStreamUpdate> enumerator;
        try
        {
            enumerator = _transport.StreamAsync(scope.Call, scope.Token).GetAsyncEnumerator(scope.Token);
        }
        catch (Exception ex)
        {
            if (scope.Fail(ex) is { } mapped)
            {
                throw mapped;
            }

            throw;
        }

        await using (enumerator.ConfigureAwait(false))
        {
            while (true)
            {
                ImageStreamUpdate update;
                try
                {
                    if (!await enumerator.MoveNextAsync().ConfigureAwait(false))
                    {
                        break;
                    }

                    update = scope.Stamp(enumerator.Current);
                }
                catch (Exception ex)
                {
                    if (scope.Fail(ex) is { } mapped)
                    {
                        throw mapped;
                    }

                    throw;
                }

                yield return update;
            }
        }

        scope.StreamSucceeded();
    }

    /// <summary>
    /// Looks for a submission whose id was lost in the provider's request history (fal), by the call's fingerprint
    /// (<see cref="Internal.CallFingerprint"/>), skipping ids already <paramref name="known"/>; <see langword="null"/>
    /// when the provider has no such history or nothing matched in time.
    /// </summary>
    internal Task<string?> FindSubmissionAsync(ImageOperation operation, string model, string callSha256, DateTimeOffset since, IReadOnlyCollection<string> known, CancellationToken cancellationToken) =>
        _transport.FindSubmissionAsync(operation, model, callSha256, since, known, cancellationToken);

    /// <summary>The prompt exactly as a call of this request would send it (what the journal hashes to find a lost submission).</summary>
    internal string? WirePrompt(ImageRequest request) =>
        RequestValidator.WirePrompt(request.Prompt, GetCapabilities(request.Model is { } m ? ImageModel.Normalize(m) : DefaultModel()));

    private async Task<PreparedCall> PrepareAsync(ImageRequest request, bool stream, CancellationToken cancellationToken)
    {
        Privacy.ConsentPolicy.Check(request, _options.RequireConsent, _timeProvider.GetUtcNow());
        var model = request.Model is { } m ? ImageModel.Normalize(m) : DefaultModel();
        var capabilities = GetCapabilities(model);
        var validator = new RequestValidator(capabilities, _options.UnsupportedParameters, _transport.ProviderName);
        var call = new ImageTransportRequest(await validator.ValidateAsync(request, model, new ImageQuality(_options.DefaultQuality), stream, cancellationToken).ConfigureAwait(false));
        foreach (var parameter in validator.Omitted)
        {
            Log.ParameterOmitted(_logger, parameter, model, _transport.ProviderName);
        }

        var warnings = new List<string>(validator.Warnings);
        call = LeaveOffRefusedInputFidelity(call, warnings);
        foreach (var warning in warnings)
        {
            Log.CallWarning(_logger, model, warning);
        }

        Log.CallStarting(_logger, _transport.ProviderName, OperationName(call.Operation), model, call.Count, call.Images.Count);
        if (_logger.IsEnabled(LogLevel.Trace))
        {
            Log.Prompt(_logger, model, call.Prompt);
        }

        return new PreparedCall(call, validator.Omitted.ToArray(), warnings);
    }

    private ImageCost? PriceOf(ImageTransportRequest call, ImageUsage? usage, int images) =>
        _options.Prices.Compute(_transport.ProviderName, _options.CatalogModel(call.Model), usage, new ImageCallShape
        {
            Count = images, Size = call.Size ?? ImageSize.Auto, Quality = call.Quality ?? ImageQuality.Auto, References = call.Images.Count,
            InputFidelity = call.InputFidelity, PromptCharacters = call.Prompt.Length, PartialImages = call.Stream ? call.PartialImages ?? 0 : 0,
            ReferencePixels = call.Images.Count > 0 && call.Images.All(i => i.Header.HasSize) ? call.Images.Sum(i => (long)i.Header.Width * i.Header.Height) : null,
        });
}
