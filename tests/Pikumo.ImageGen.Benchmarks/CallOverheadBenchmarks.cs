using BenchmarkDotNet.Attributes;
using OpenAI.Images;
using Pikumo.ImageGen.Benchmarks.Infrastructure;

namespace Pikumo.ImageGen.Benchmarks;

/// <summary>
/// The fixed cost of a call: an 8 KB reference up and one 64×64 image (~11 KB of JSON) down, so what is measured
/// is each client's per-call machinery (validation, pipeline, multipart, parsing) rather than moving megabytes.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("overhead")]
public class CallOverheadBenchmarks
{
    private CannedResponseServer _server = null!;
    private ImageGenClient _pikumo = null!;
    private ImageGenClient _pikumoPlain = null!;
    private ImageClient _sdk = null!;
    private FloorClient _floor = null!;
    private byte[] _reference = null!;

    [GlobalSetup]
    public void Setup()
    {
        _server = CannedResponseServer.Start(Payloads.ImagesJson([Payloads.NoisePng(64, 64, seed: 22)], ImageSize.Square1024, "low"));
        _reference = Payloads.NoisePng(64, 64, seed: 21);
        _pikumo = BenchmarkClients.Pikumo(_server.BaseAddress);
        _pikumoPlain = new ImageGenClient(_pikumo.Options, new HttpClient(new SocketsHttpHandler()) { Timeout = Timeout.InfiniteTimeSpan });
        _sdk = BenchmarkClients.OpenAISdk(_server.BaseAddress);
        _floor = BenchmarkClients.Floor(_server.BaseAddress);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pikumo.Dispose();
        _pikumoPlain.Dispose();
        _floor.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "Pikumo.ImageGen, small call")]
    public async Task<int> Pikumo()
    {
        var result = await _pikumo.EditAsync(new ImageEditRequest(Payloads.Prompt, ImageInput.FromBytes(_reference, "reference.png"))
        {
            Size = ImageSize.Square1024,
            Quality = ImageQuality.High,
        });
        return result.Images[0].Data.Length;
    }

    /// <summary>The same client over a plain HttpClient: what is left is validation, multipart, parsing, pricing, logging and telemetry.</summary>
    [Benchmark(Description = "Pikumo.ImageGen without resilience, small call")]
    public async Task<int> PikumoPlainHttp()
    {
        var result = await _pikumoPlain.EditAsync(new ImageEditRequest(Payloads.Prompt, ImageInput.FromBytes(_reference, "reference.png"))
        {
            Size = ImageSize.Square1024,
            Quality = ImageQuality.High,
        });
        return result.Images[0].Data.Length;
    }

    [Benchmark(Description = "OpenAI SDK 2.15, small call")]
    public async Task<int> OpenAISdk()
    {
        using var reference = new MemoryStream(_reference, writable: false);
        var result = await _sdk.GenerateImageEditsAsync(reference, "reference.png", Payloads.Prompt, 1, new ImageEditOptions
        {
            Size = GeneratedImageSize.W1024xH1024,
            Quality = GeneratedImageQuality.High,
        });
        return result.Value[0].ImageBytes.ToMemory().Length;
    }

    [Benchmark(Baseline = true, Description = "Floor, small call")]
    public async Task<int> Floor()
    {
        var images = await _floor.EditAsync(() => new MemoryStream(_reference, writable: false), _reference.Length, BenchmarkClients.Model, Payloads.Prompt, 1, "1024x1024", "high");
        return images[0].Length;
    }
}
