using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Tests.Infrastructure;

/// <summary>How a test reaches the simulator.</summary>
public enum Wire
{
    InProcess,
    Loopback,
}

/// <summary>A simulator and an <see cref="ImageGenClient"/> pointed at it, in process or over 127.0.0.1.</summary>
public sealed class SimulatorHarness : IAsyncDisposable
{
    private SimulatorHarness(ImageGenSimulator simulator, SimulatorServer? server, ImageGenClient client)
    {
        Simulator = simulator;
        Server = server;
        Client = client;
    }

    public ImageGenSimulator Simulator { get; }

    public SimulatorServer? Server { get; }

    public ImageGenClient Client { get; }

    public SimulatorRecorder Recorder => Simulator.Recorder;

    public static TheoryData<Wire> Wires => [Wire.InProcess, Wire.Loopback];

    /// <summary>Starts a harness. Latency is off unless the options say otherwise; retries wait milliseconds, not seconds.</summary>
    public static async Task<SimulatorHarness> StartAsync(
        Wire wire, ImageProvider provider = ImageProvider.OpenAI, Action<ImageGenOptions>? configure = null, SimulatorOptions? options = null, TimeProvider? time = null)
    {
        var simulator = new ImageGenSimulator(options ?? new SimulatorOptions { LatencyScale = 0 }, time);
        void Configure(ImageGenOptions o)
        {
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(5);
            configure?.Invoke(o);
        }

        if (wire == Wire.InProcess)
        {
            return new SimulatorHarness(simulator, null, simulator.CreateClient(provider, Configure));
        }

        var server = await simulator.StartServerAsync(TestContext.Current.CancellationToken);
        return new SimulatorHarness(simulator, server, server.CreateClient(provider, Configure));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
