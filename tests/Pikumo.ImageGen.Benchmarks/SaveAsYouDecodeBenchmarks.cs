using BenchmarkDotNet.Attributes;
using Pikumo.ImageGen.Benchmarks.Infrastructure;

namespace Pikumo.ImageGen.Benchmarks;

/// <summary>
/// Save as you decode (issue 18, item 4): one edit call (a ~2 MB noise reference up, n ~2 MB noise PNGs down as base64
/// JSON) whose images are held in memory (<c>EditAsync(request)</c>) or written to a destination while the answer is
/// read (<c>EditAsync(request, ImageDestination.ToStreams(_ =&gt; Stream.Null))</c>, and to files). Target: the
/// destination call allocates at most 0.05× the decoded bytes; the Alloc/Decoded column gives the ratio.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("decode")]
public class SaveAsYouDecodeBenchmarks
{
    private CannedResponseServer _server = null!;
    private ImageGenClient _pikumo = null!;
    private byte[] _reference = null!;
    private string _folder = null!;

    /// <summary>Images per call (the <c>n</c> field).</summary>
    [Params(1, 4)]
    public int N { get; set; }

    /// <summary>The images' pixel size (read by the Alloc/Decoded column).</summary>
    [Params("1024x1024")]
    public string Size { get; set; } = "1024x1024";

    [GlobalSetup]
    public void Setup()
    {
        var images = Payloads.ResponseImages(N, ImageSize.Square1024);
        _server = CannedResponseServer.Start(Payloads.ImagesJson(images, ImageSize.Square1024));
        _reference = Payloads.NoisePng(1024, 1024, seed: 7);
        _pikumo = BenchmarkClients.Pikumo(_server.BaseAddress);
        _folder = Directory.CreateTempSubdirectory("pikumo-decode").FullName;
        var expected = images.Sum(i => (long)i.Length);
        foreach (var got in new[] { Held(), ToStreams(), ToFiles() })
        {
            if (got.GetAwaiter().GetResult() != expected)
            {
                throw new InvalidOperationException("A call did not hand back the images the server sent.");
            }
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _pikumo.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Baseline = true, Description = "EditAsync (images held)")]
    public async Task<long> Held() => (await _pikumo.EditAsync(Request())).Images.Sum(i => (long)i.Data.Length);

    [Benchmark(Description = "EditAsync to streams (save as you decode)")]
    public async Task<long> ToStreams() => (await _pikumo.EditAsync(Request(), ImageDestination.ToStreams(_ => Stream.Null))).Images.Sum(i => i.Length);

    [Benchmark(Description = "EditAsync to files (save as you decode, atomic)")]
    public async Task<long> ToFiles() => (await _pikumo.EditAsync(Request(), ImageDestination.ToFiles(Path.Combine(_folder, "image-{index}{ext}"), overwrite: true))).Images.Sum(i => i.Length);

    private ImageEditRequest Request() => new(Payloads.Prompt, ImageInput.FromBytes(_reference, "reference.png")) { Count = N, Size = ImageSize.Square1024, Quality = ImageQuality.High };
}
