using BenchmarkDotNet.Attributes;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Benchmarks;

/// <summary>
/// Time to the first partial image of a streamed edit on the simulator's loopback server: <c>PartialImages = 2</c>
/// and <c>LatencyScale = 0.005</c>, so the simulator sends a partial every 65 ms (39 s × 0.005 / 3) and the
/// completed image at 195 ms. What is above 65 ms is the request, the simulator's rendering and the parsing.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("streaming")]
public class StreamingBenchmarks
{
    public const double LatencyScale = 0.005;

    private ImageGenSimulator _simulator = null!;
    private SimulatorServer _server = null!;
    private ImageGenClient _client = null!;
    private byte[] _reference = null!;

    [GlobalSetup]
    public void Setup()
    {
        _simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = LatencyScale, Latency = { P95OverMedian = 1 } });
        _server = _simulator.StartServerAsync().GetAwaiter().GetResult();
        _client = _server.CreateClient(configure: o => o.Resilience.MaxRetryAttempts = 0);
        _reference = Infrastructure.Payloads.NoisePng(256, 256, seed: 11);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Until the first partial image is decoded; then the stream is abandoned.</summary>
    [Benchmark(Description = "first partial image")]
    public async Task<int> FirstPartial()
    {
        await foreach (var update in _client.StreamEditAsync(Request()))
        {
            if (update.Kind == ImageStreamUpdateKind.Partial)
            {
                return update.Image.Data.Length;
            }
        }

        throw new InvalidOperationException("No partial image arrived.");
    }

    /// <summary>The whole stream: two partials and the completed image.</summary>
    [Benchmark(Description = "completed image (whole stream)")]
    public async Task<int> Completed()
    {
        var length = 0;
        await foreach (var update in _client.StreamEditAsync(Request()))
        {
            length = update.Image.Data.Length;
        }

        return length;
    }

    internal ImageEditRequest Request() => new("a red fox in fresh snow, morning light", ImageInput.FromBytes(_reference, "fox.png"))
    {
        PartialImages = 2,
        Size = ImageSize.Square1024,
        Quality = ImageQuality.Low,
    };
}
