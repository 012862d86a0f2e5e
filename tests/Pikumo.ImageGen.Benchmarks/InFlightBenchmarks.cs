using BenchmarkDotNet.Attributes;
using OpenAI.Images;
using Pikumo.ImageGen.Benchmarks.Infrastructure;

namespace Pikumo.ImageGen.Benchmarks;

/// <summary>
/// One burst of <see cref="InFlight"/> concurrent n=1 edits (a ~2 MB noise PNG up, one ~2 MB down), the loopback
/// server holding each call 200 ms, through the four clients: allocated bytes per burst and gen2 collections. Peak
/// working set is not a BenchmarkDotNet figure; the <c>memory</c> console mode measures it, a process per client.
/// </summary>
[MemoryDiagnoser]
[GcServer(false)]
[BenchmarkCategory("inflight")]
public class InFlightBenchmarks
{
    private CannedResponseServer _server = null!;
    private ImageGenClient _pikumo = null!;
    private ImageClient _sdk = null!;
    private PlainClient _plain = null!;
    private FloorClient _floor = null!;
    private byte[] _reference = null!;

    /// <summary>Calls in flight at once.</summary>
    [Params(32, 128)]
    public int InFlight { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var images = Payloads.ResponseImages(1, ImageSize.Square1024);
        _server = CannedResponseServer.Start(Payloads.ImagesJson(images, ImageSize.Square1024), delay: TimeSpan.FromMilliseconds(200));
        _reference = Payloads.NoisePng(1024, 1024, seed: 7);
        _pikumo = BenchmarkClients.Pikumo(_server.BaseAddress, maxConcurrentCalls: InFlight);
        _sdk = BenchmarkClients.OpenAISdk(_server.BaseAddress);
        _plain = new PlainClient(_server.BaseAddress, BenchmarkClients.ApiKey);
        _floor = BenchmarkClients.Floor(_server.BaseAddress);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pikumo.Dispose();
        _plain.Dispose();
        _floor.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "Pikumo.ImageGen")]
    public Task<long[]> Pikumo() => Burst(async () => (await _pikumo.EditAsync(new ImageEditRequest(Payloads.Prompt, ImageInput.FromBytes(_reference, "reference.png")) { Size = ImageSize.Square1024, Quality = ImageQuality.High })).Images.Sum(i => (long)i.Data.Length));

    [Benchmark(Description = "OpenAI SDK 2.15")]
    public Task<long[]> OpenAISdk() => Burst(async () =>
    {
        using var stream = new MemoryStream(_reference, writable: false);
        var result = await _sdk.GenerateImageEditsAsync(stream, "reference.png", Payloads.Prompt, 1, new ImageEditOptions { Size = GeneratedImageSize.W1024xH1024, Quality = GeneratedImageQuality.High });
        return result.Value.Sum(i => (long)i.ImageBytes.ToMemory().Length);
    });

    [Benchmark(Description = "HttpClient + System.Text.Json")]
    public Task<long[]> Plain() => Burst(async () => (await _plain.EditAsync(_reference, BenchmarkClients.Model, Payloads.Prompt, 1, "1024x1024", "high")).Sum(i => (long)i.Length));

    [Benchmark(Baseline = true, Description = "Floor (HttpClient + Utf8JsonReader)")]
    public Task<long[]> Floor() => Burst(async () => (await _floor.EditAsync(() => new MemoryStream(_reference, writable: false), _reference.Length, BenchmarkClients.Model, Payloads.Prompt, 1, "1024x1024", "high")).Sum(i => (long)i.Length));

    private Task<long[]> Burst(Func<Task<long>> call) => Task.WhenAll(Enumerable.Range(0, InFlight).Select(_ => Task.Run(call)));
}
