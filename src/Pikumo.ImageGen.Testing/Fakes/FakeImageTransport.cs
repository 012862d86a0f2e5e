using System.Collections.Concurrent;
using Pikumo.ImageGen.Transports;

namespace Pikumo.ImageGen.Testing;

/// <summary>
/// A ten-line stand-in for a provider, for unit tests of your own code: the client in front of it does everything it
/// does for a real provider (validation, defaults, cost from the price table, logging, telemetry), and the call
/// itself is whatever your callback returns. With no callback, each call answers with as many PNGs as it asked
/// for, of the size it asked for (1024×1024 for <c>auto</c>). Every call is kept in <see cref="Requests"/>.
/// Use the <see cref="ImageGenSimulator"/> instead when the wire format, latency or HTTP faults matter.
/// </summary>
/// <example>
/// <code>
/// var fake = new FakeImageTransport { SendAsyncCallback = (request, ct) => Task.FromResult(ImageGenModelFactory.ImageResult(imageCount: request.Count)) };
/// using var client = fake.CreateClient();
/// </code>
/// </example>
public sealed class FakeImageTransport : ImageTransport
{
    private readonly ConcurrentQueue<ImageTransportRequest> _requests = new();
    private int _calls;

    /// <summary>The provider name results, prices, logs and telemetry use.</summary>
    /// <value>Default <c>fake</c> (priced by the table's any-provider row).</value>
    public string Name { get; init; } = "fake";

    /// <inheritdoc />
    public override string ProviderName => Name;

    /// <summary>Answers <see cref="ImageGenClient.EditAsync(ImageEditRequest, CancellationToken)"/> and <see cref="ImageGenClient.GenerateAsync(ImageGenerateRequest, CancellationToken)"/>; throw from it to simulate a failure.</summary>
    public Func<ImageTransportRequest, CancellationToken, Task<ImageResult>>? SendAsyncCallback { get; set; }

    /// <summary>Answers the streaming calls; by default one completed update per image of <see cref="SendAsyncCallback"/>'s answer.</summary>
    public Func<ImageTransportRequest, CancellationToken, IAsyncEnumerable<ImageStreamUpdate>>? StreamAsyncCallback { get; set; }

    /// <summary>Answers <see cref="ImageGenClient.GetResultAsync"/>; by default <see cref="NotSupportedException"/>, as on OpenAI and Azure.</summary>
    public Func<string, CancellationToken, Task<ImageResult>>? GetResultAsyncCallback { get; set; }

    /// <summary>Narrows the model's capabilities, as a provider does (for example <c>c => c with { MaxCount = 4 }</c>).</summary>
    public Func<ImageModelCapabilities, ImageModelCapabilities>? AdjustCapabilitiesCallback { get; set; }

    /// <summary>Every call the client made, validated and with defaults applied, in order.</summary>
    public IReadOnlyList<ImageTransportRequest> Requests => [.. _requests];

    /// <summary>
    /// A client over this transport, with <see cref="ImageProvider.Custom"/> options (environment variables off, so no
    /// key on the machine matters).
    /// </summary>
    /// <param name="configure">Further options (default model and quality, price table, parameter policy…).</param>
    /// <param name="timeProvider">The clock <see cref="ImageResult.Elapsed"/> is measured on.</param>
    /// <returns>The client; disposing it leaves this transport usable.</returns>
    public ImageGenClient CreateClient(Action<ImageGenOptions>? configure = null, TimeProvider? timeProvider = null)
    {
        var options = new ImageGenOptions { Provider = ImageProvider.Custom, TransportFactory = _ => this, UseEnvironmentVariables = false };
        configure?.Invoke(options);
        return new ImageGenClient(Name, new NonDisposing(this), options, timeProvider);
    }

    /// <inheritdoc />
    public override ImageModelCapabilities AdjustCapabilities(ImageModelCapabilities capabilities) =>
        AdjustCapabilitiesCallback?.Invoke(capabilities) ?? capabilities;

    /// <inheritdoc />
    public override Task<ImageResult> SendAsync(ImageTransportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        _requests.Enqueue(request);
        cancellationToken.ThrowIfCancellationRequested();
        var call = Interlocked.Increment(ref _calls);
        MarkRequestSent(request, ImageGenModelFactory.RequestId(call));
        return SendAsyncCallback?.Invoke(request, cancellationToken) ?? Task.FromResult(DefaultResult(request, call));
    }

    /// <inheritdoc />
    public override IAsyncEnumerable<ImageStreamUpdate> StreamAsync(ImageTransportRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StreamAsyncCallback is { } callback ? Record(request, callback, cancellationToken) : StreamFromSendAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    public override Task<ImageResult> GetResultAsync(string providerRequestId, CancellationToken cancellationToken) =>
        GetResultAsyncCallback?.Invoke(providerRequestId, cancellationToken) ?? base.GetResultAsync(providerRequestId, cancellationToken);

    private IAsyncEnumerable<ImageStreamUpdate> Record(ImageTransportRequest request, Func<ImageTransportRequest, CancellationToken, IAsyncEnumerable<ImageStreamUpdate>> callback, CancellationToken cancellationToken)
    {
        _requests.Enqueue(request);
        MarkRequestSent(request, ImageGenModelFactory.RequestId(Interlocked.Increment(ref _calls)));
        return callback(request, cancellationToken);
    }

    private async IAsyncEnumerable<ImageStreamUpdate> StreamFromSendAsync(ImageTransportRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var result = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        foreach (var image in result.Images)
        {
            yield return new ImageStreamUpdate { Kind = ImageStreamUpdateKind.Completed, Image = image, Usage = result.Usage, RequestId = result.RequestId };
        }
    }

    private ImageResult DefaultResult(ImageTransportRequest request, int call)
    {
        var (width, height) = ImageGenModelFactory.SizeOf(request.Size);
        return new ImageResult
        {
            Images = [.. Enumerable.Range(0, request.Count).Select(i => ImageGenModelFactory.GeneratedImage(i, ImageGenModelFactory.Png(width, height, call + i)))],
            RequestId = ImageGenModelFactory.RequestId(call),
            Provider = Name,
            Model = request.Model,
        };
    }

    /// <summary>Lets a client dispose "its" transport without ending a fake the test still holds.</summary>
    private sealed class NonDisposing(FakeImageTransport inner) : ImageTransport
    {
        public override string ProviderName => inner.ProviderName;

        public override ImageModelCapabilities AdjustCapabilities(ImageModelCapabilities capabilities) => inner.AdjustCapabilities(capabilities);

        public override Task<ImageResult> SendAsync(ImageTransportRequest request, CancellationToken cancellationToken) => inner.SendAsync(request, cancellationToken);

        public override IAsyncEnumerable<ImageStreamUpdate> StreamAsync(ImageTransportRequest request, CancellationToken cancellationToken) => inner.StreamAsync(request, cancellationToken);

        public override Task<ImageResult> GetResultAsync(string providerRequestId, CancellationToken cancellationToken) => inner.GetResultAsync(providerRequestId, cancellationToken);
    }
}
