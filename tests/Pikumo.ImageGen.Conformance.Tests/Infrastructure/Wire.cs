using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Conformance.Tests.Infrastructure;

/// <summary>A client whose primary handler is a <see cref="WireCapture"/>, in front of the simulator or of canned answers.</summary>
public sealed class Wire : IDisposable
{
    /// <summary>A 1×1 RGBA PNG (the one OpenAI's recorded answers carry).</summary>
    public static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAAC0lEQVQYV2NgAAIAAAUAAarVyFEAAAAASUVORK5CYII=");

    private readonly HttpClient _http;

    private Wire(ImageGenSimulator simulator, WireCapture capture, ImageGenOptions options)
    {
        Simulator = simulator;
        Capture = capture;
        _http = ImageGenClient.CreateHttpClient(options, capture, simulator.TimeProvider);
        Client = new ImageGenClient(options, _http, null, simulator.TimeProvider);
    }

    public ImageGenSimulator Simulator { get; }

    public WireCapture Capture { get; }

    public ImageGenClient Client { get; }

    /// <summary>Captures what the client sends; the simulator (latency off) answers what <paramref name="canned"/> does not.</summary>
    public static Wire Start(ImageProvider provider, Action<ImageGenOptions>? configure = null, Func<CapturedRequest, HttpResponseMessage?>? canned = null)
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        var capture = new WireCapture(simulator.CreateHandler()) { Respond = canned };
        var options = simulator.CreateOptions(provider);
        options.Fal.UseQueue = false;
        options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
        options.Resilience.MaxDelay = TimeSpan.FromMilliseconds(2);
        configure?.Invoke(options);
        return new Wire(simulator, capture, options);
    }

    public void Dispose()
    {
        Client.Dispose();
        _http.Dispose();
    }
}
