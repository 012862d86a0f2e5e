using BenchmarkDotNet.Attributes;
using OpenAI.Images;
using Pikumo.ImageGen.Benchmarks.Infrastructure;

namespace Pikumo.ImageGen.Benchmarks;

/// <summary>
/// Uploading one large reference from a file (5 MB or 40 MB of incompressible PNG) with a tiny answer, so the
/// request body dominates: memory should stay flat in the reference's size.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("upload")]
public class UploadBenchmarks
{
    private CannedResponseServer _server = null!;
    private ImageGenClient _pikumo = null!;
    private ImageClient _sdk = null!;
    private FloorClient _floor = null!;
    private string _path = null!;
    private long _length;

    /// <summary>The reference file's size in MB.</summary>
    [Params(5, 40)]
    public int ReferenceMB { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _path = Payloads.ReferenceFile(ReferenceMB);
        _length = new FileInfo(_path).Length;
        _server = CannedResponseServer.Start(Payloads.ImagesJson([Payloads.NoisePng(64, 64, seed: 3)], ImageSize.Square1024));
        _pikumo = BenchmarkClients.Pikumo(_server.BaseAddress);
        _sdk = BenchmarkClients.OpenAISdk(_server.BaseAddress);
        _floor = BenchmarkClients.Floor(_server.BaseAddress);
        foreach (var (name, call) in new (string, Func<Task<long>>)[] { ("Pikumo", Pikumo), ("OpenAISdk", OpenAISdk), ("Floor", Floor) })
        {
            var before = _server.BodyBytes;
            call().GetAwaiter().GetResult();
            var sent = _server.BodyBytes - before;
            if (sent < _length)
            {
                throw new InvalidOperationException($"{name} sent a {sent}-byte body for a {_length}-byte reference.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pikumo.Dispose();
        _floor.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "Pikumo.ImageGen (FromFile)")]
    public async Task<long> Pikumo()
    {
        var result = await _pikumo.EditAsync(new ImageEditRequest(Payloads.Prompt, ImageInput.FromFile(_path)) { Size = ImageSize.Square1024, Quality = ImageQuality.High });
        return result.Images[0].Data.Length;
    }

    [Benchmark(Description = "OpenAI SDK 2.15 (FileStream)")]
    public async Task<long> OpenAISdk()
    {
        await using var file = File.OpenRead(_path);
        var result = await _sdk.GenerateImageEditsAsync(file, "reference.png", Payloads.Prompt, 1, new ImageEditOptions
        {
            Size = GeneratedImageSize.W1024xH1024,
            Quality = GeneratedImageQuality.High,
        });
        return result.Value[0].ImageBytes.ToMemory().Length;
    }

    [Benchmark(Baseline = true, Description = "Floor (FileStream copy)")]
    public async Task<long> Floor()
    {
        var images = await _floor.EditAsync(
            () => new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan),
            _length, BenchmarkClients.Model, Payloads.Prompt, 1, "1024x1024", "high");
        return images[0].Length;
    }
}
