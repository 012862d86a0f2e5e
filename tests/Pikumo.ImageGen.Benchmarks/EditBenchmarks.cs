using BenchmarkDotNet.Attributes;
using OpenAI.Images;
using Pikumo.ImageGen.Benchmarks.Infrastructure;

namespace Pikumo.ImageGen.Benchmarks;

/// <summary>
/// One edit call (one ~2 MB reference up, n images down as base64 JSON) through this library, the official OpenAI
/// SDK and the raw floor, against the same loopback server and the same prebuilt answer; with the body read as the
/// socket delivers it on loopback (hundreds of KB per read) and 16 KB per read, as over HTTPS.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("edit")]
public class EditBenchmarks
{
    private CannedResponseServer _server = null!;
    private ImageGenClient _pikumo = null!;
    private ImageClient _sdk = null!;
    private FloorClient _floor = null!;
    private byte[] _reference = null!;
    private ImageSize _size;
    private GeneratedImageSize _sdkSize;

    /// <summary>Images per call (the <c>n</c> field).</summary>
    [Params(1, 4)]
    public int N { get; set; }

    /// <summary>The images' pixel size.</summary>
    [Params("1024x1024", "1536x1024")]
    public string Size { get; set; } = "1024x1024";

    /// <summary>How the response body is read: <c>socket</c> (loopback) or <c>16KB</c> (one TLS record per read).</summary>
    [Params("socket", "16KB")]
    public string Reads { get; set; } = "socket";

    [GlobalSetup]
    public void Setup()
    {
        _size = BenchmarkClients.ParseSize(Size);
        _sdkSize = BenchmarkClients.SdkSize(Size);
        var images = Payloads.ResponseImages(N, _size);
        _server = CannedResponseServer.Start(Payloads.ImagesJson(images, _size));
        _reference = Payloads.NoisePng(1024, 1024, seed: 7);
        var recordSized = Reads == "16KB";
        _pikumo = BenchmarkClients.Pikumo(_server.BaseAddress, recordSizedReads: recordSized);
        _sdk = BenchmarkClients.OpenAISdk(_server.BaseAddress, recordSized);
        _floor = BenchmarkClients.Floor(_server.BaseAddress, recordSized);

        // Each client must hand back exactly the images the server sent.
        var expected = images.Sum(i => (long)i.Length);
        foreach (var (name, got) in new[] { ("Pikumo", Pikumo()), ("OpenAISdk", OpenAISdk()), ("Floor", Floor()) })
        {
            var bytes = got.GetAwaiter().GetResult();
            if (bytes != expected)
            {
                throw new InvalidOperationException($"{name} decoded {bytes} bytes, expected {expected}.");
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

    [Benchmark(Description = "Pikumo.ImageGen")]
    public async Task<long> Pikumo()
    {
        var result = await _pikumo.EditAsync(new ImageEditRequest(Payloads.Prompt, ImageInput.FromBytes(_reference, "reference.png"))
        {
            Count = N,
            Size = _size,
            Quality = ImageQuality.High,
        });
        return result.Images.Sum(i => (long)i.Data.Length);
    }

    /// <summary>The SDK's stream overload: one image (it cannot send several), no input_fidelity.</summary>
    [Benchmark(Description = "OpenAI SDK 2.15")]
    public async Task<long> OpenAISdk()
    {
        using var reference = new MemoryStream(_reference, writable: false);
        var result = await _sdk.GenerateImageEditsAsync(reference, "reference.png", Payloads.Prompt, N, new ImageEditOptions
        {
            Size = _sdkSize,
            Quality = GeneratedImageQuality.High,
        });
        return result.Value.Sum(i => i.ImageBytes.ToMemory().Length);
    }

    [Benchmark(Baseline = true, Description = "Floor (HttpClient + Utf8JsonReader)")]
    public async Task<long> Floor()
    {
        var images = await _floor.EditAsync(() => new MemoryStream(_reference, writable: false), _reference.Length, BenchmarkClients.Model, Payloads.Prompt, N, Size, "high");
        return images.Sum(i => (long)i.Length);
    }
}
