using Microsoft.Extensions.Logging;
using Pikumo.ImageGen.Testing.Internal;

namespace Pikumo.ImageGen.Testing;

/// <summary>
/// An <see cref="ImageGenSimulator"/> served by ASP.NET Core's Kestrel on 127.0.0.1 and a free port (HTTP/1.1, no TLS).
/// Requests reach the same engine as in process; Kestrel frames the answers (Content-Length or chunked, keep-alive);
/// a <see cref="SimulatedFault.ConnectionReset"/> resets the socket and a <see cref="SimulatedFault.TruncatedBody"/>
/// closes it short of the declared length. Dispose to stop it (open connections are closed).
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly LoopbackHost _host;

    private SimulatorServer(ImageGenSimulator simulator, LoopbackHost host)
    {
        Simulator = simulator;
        _host = host;
    }

    /// <summary>The simulator it serves.</summary>
    public ImageGenSimulator Simulator { get; }

    /// <summary>The port it listens on.</summary>
    public int Port => _host.Port;

    /// <summary><c>http://127.0.0.1:{port}/</c>: OpenAI at <c>v1/</c>, Azure at the root, fal under <c>fal/</c>.</summary>
    public Uri BaseAddress => _host.BaseAddress;

    /// <summary>New options for a provider, pointed at this server (see <see cref="ImageGenSimulator.ConfigureOptions"/>).</summary>
    /// <param name="provider">The provider.</param>
    /// <returns>The options.</returns>
    public ImageGenOptions CreateOptions(ImageProvider provider = ImageProvider.OpenAI) => Simulator.CreateOptions(provider, BaseAddress);

    /// <summary>Points options at this server.</summary>
    /// <param name="options">The options to change.</param>
    public void ConfigureOptions(ImageGenOptions options) => Simulator.ConfigureOptions(options, BaseAddress);

    /// <summary>An <see cref="ImageGenClient"/> that calls this server over loopback with the library's default HttpClient (sockets and resilience), on the simulator's clock.</summary>
    /// <param name="provider">The provider whose wire to speak.</param>
    /// <param name="configure">Further options, applied after the server's.</param>
    /// <param name="loggerFactory">Logging, or none.</param>
    /// <returns>The client; dispose it.</returns>
    public ImageGenClient CreateClient(ImageProvider provider = ImageProvider.OpenAI, Action<ImageGenOptions>? configure = null, ILoggerFactory? loggerFactory = null)
    {
        var options = CreateOptions(provider);
        configure?.Invoke(options);
        return new ImageGenClient(options, httpClient: null, loggerFactory, Simulator.TimeProvider);
    }

    internal static async Task<SimulatorServer> StartAsync(ImageGenSimulator simulator, CancellationToken cancellationToken)
    {
        KestrelFrontEnd? frontEnd = null;
        var host = await LoopbackHost.StartAsync(
            context => frontEnd!.HandleAsync(context),
            simulator.Options.MaxRequestBodyBytes,
            cancellationToken: cancellationToken).ConfigureAwait(false);
        frontEnd = new KestrelFrontEnd(simulator.Engine, host.BaseAddress);
        return new SimulatorServer(simulator, host);
    }

    /// <summary>Stops listening, closes every connection and waits for them to end.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
