using Pikumo.ImageGen.Testing.Internal;

namespace Pikumo.ImageGen.Testing;

/// <summary>
/// An offline stand-in for OpenAI, Azure OpenAI and fal.ai image endpoints. It speaks each provider's real wire
/// format (routes, auth headers, multipart and JSON bodies, server-sent events, the fal queue, error shapes,
/// request-id headers), checks requests the way the services do, and answers with real PNG images that draw the
/// prompt (a composite's panels as a labelled grid), deterministically for a <see cref="SimulatorOptions.Seed"/>.
/// Calls take the measured latency on the <see cref="TimeProvider"/>, scaled by <see cref="SimulatorOptions.LatencyScale"/>.
/// </summary>
/// <remarks>
/// Use it in process (<see cref="CreateClient"/>, <see cref="CreateHttpClient"/>, <see cref="CreateHandler"/>,
/// or <c>AddPikumoImageGen(…).UseSimulator(simulator)</c>) or over a real socket on 127.0.0.1
/// (<see cref="StartServerAsync"/>). Script failures with <see cref="Faults"/>; assert on what arrived with
/// <see cref="Recorder"/>. Thread-safe.
/// </remarks>
public sealed partial class ImageGenSimulator
{
    private readonly SimulatorEngine _engine;

    /// <summary>Creates a simulator.</summary>
    /// <param name="options">The settings; defaults when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock latencies run on; <see cref="TimeProvider.System"/> by default. Pass a <c>FakeTimeProvider</c> in tests.</param>
    public ImageGenSimulator(SimulatorOptions? options = null, TimeProvider? timeProvider = null)
    {
        _engine = new SimulatorEngine(options ?? new SimulatorOptions(), timeProvider ?? TimeProvider.System);
    }

    /// <summary>The host in-process requests are addressed to (<c>https://simulator.pikumo.test/</c>); the name never resolves, nothing leaves the process.</summary>
    public static Uri DefaultBaseAddress { get; } = new("https://simulator.pikumo.test/");

    /// <summary>The settings, read on every request.</summary>
    public SimulatorOptions Options => _engine.Options;

    /// <summary>The clock latencies, fal queue phases and drips run on.</summary>
    public TimeProvider TimeProvider => _engine.Time;

    /// <summary>The fault script.</summary>
    public SimulatorFaults Faults => _engine.Faults;

    /// <summary>Every request received, parsed.</summary>
    public SimulatorRecorder Recorder => _engine.Recorder;

    internal SimulatorEngine Engine => _engine;

    /// <summary>A new in-process handler that answers every request itself (for <c>ConfigurePrimaryHttpMessageHandler</c> or an <see cref="HttpClient"/>). Disposing it leaves the simulator running.</summary>
    /// <returns>The handler.</returns>
    public HttpMessageHandler CreateHandler() => new SimulatorHandler(_engine);

    /// <summary>
    /// A plain <see cref="HttpClient"/> over an in-process handler, with an infinite <c>Timeout</c> and
    /// <see cref="DefaultBaseAddress"/> as its base address. An <see cref="ImageGenClient"/> uses a supplied
    /// client as is (no retries); <see cref="CreateClient"/> gives one with the library's resilience pipeline.
    /// </summary>
    /// <returns>The client; the caller disposes it.</returns>
    public HttpClient CreateHttpClient() => new(CreateHandler()) { Timeout = Timeout.InfiniteTimeSpan, BaseAddress = DefaultBaseAddress };

    /// <summary>
    /// Serves bytes as a file at a URL of this simulator (<c>/fal/files/{id}/{name}</c>): an image a fal request
    /// can reference in <c>image_urls</c>, since the simulator fetches nothing from the internet.
    /// </summary>
    /// <param name="data">The bytes.</param>
    /// <param name="fileName">The file name in the URL.</param>
    /// <param name="contentType">The content type served; sniffed from the bytes when <see langword="null"/>.</param>
    /// <param name="baseAddress">The address the URL is on: a <see cref="SimulatorServer.BaseAddress"/>, or <see cref="DefaultBaseAddress"/> when <see langword="null"/>.</param>
    /// <returns>The URL.</returns>
    public Uri AddFile(ReadOnlyMemory<byte> data, string fileName = "image.png", string? contentType = null, Uri? baseAddress = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        contentType ??= ImageHeader.DetectFormat(data.Span) is { } format ? format.MediaType : "application/octet-stream";
        var id = Guid.NewGuid().ToString("N");
        return _engine.Files.Add(baseAddress ?? DefaultBaseAddress, id, new StoredFile(data.ToArray(), contentType, fileName));
    }

    /// <summary>
    /// Hosts the simulator on 127.0.0.1 and a free port with ASP.NET Core's Kestrel (HTTP/1.1 without TLS:
    /// Content-Length and chunked bodies, keep-alive, server-sent events), for tests and samples that want real
    /// sockets and socket-level faults. Several servers can share one simulator.
    /// </summary>
    /// <param name="cancellationToken">Cancels starting.</param>
    /// <returns>The running server; dispose it to stop.</returns>
    public Task<SimulatorServer> StartServerAsync(CancellationToken cancellationToken = default) =>
        SimulatorServer.StartAsync(this, cancellationToken);
}
