using System.Net.Http.Headers;
using BenchmarkDotNet.Attributes;
using Pikumo.ImageGen.Benchmarks.Infrastructure;
using Pikumo.ImageGen.Http;

namespace Pikumo.ImageGen.Benchmarks;

/// <summary>
/// The edit's multipart body alone, hand-written (<see cref="MultipartFormContent"/>: headers precomputed, image parts
/// copied from their source while written, length known up front) against the framework's
/// <see cref="MultipartFormDataContent"/> with the same fields and <see cref="StreamContent"/> image parts, both
/// written to <see cref="Stream.Null"/> as HttpClient would (length first, then the body). References are noise PNGs
/// from a file. See docs/performance.md for the numbers.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("multipart")]
public class MultipartBenchmarks
{
    private readonly List<PreparedImage> _images = [];

    /// <summary>Reference images attached.</summary>
    [Params(1, 4)]
    public int References { get; set; } = 1;

    [GlobalSetup]
    public void Setup()
    {
        for (var i = 0; i < References; i++)
        {
            var path = Path.Combine(Path.GetTempPath(), $"pikumo-multipart-bench-{i}.png");
            File.WriteAllBytes(path, Payloads.NoisePng(1024, 768, seed: 70 + i));
            _images.Add(ImagePreparation.PrepareAsync(ImageInput.FromFile(path), "image", $"image-{i + 1}", long.MaxValue, CancellationToken.None).AsTask().GetAwaiter().GetResult());
        }
    }

    [Benchmark(Baseline = true, Description = "hand-written MultipartFormContent")]
    public async Task<long> HandWritten()
    {
        using var content = new MultipartFormContent();
        Fields(content.AddField);
        foreach (var image in _images)
        {
            content.AddImage("image[]", image);
        }

        var length = content.Headers.ContentLength ?? -1;
        await content.CopyToAsync(Stream.Null);
        return length;
    }

    [Benchmark(Description = "MultipartFormDataContent + StreamContent")]
    public async Task<long> Framework()
    {
        using var content = new MultipartFormDataContent("pikumo-benchmark-boundary");
        Fields((name, value) => content.Add(new StringContent(value), name));
        foreach (var image in _images)
        {
            var part = new StreamContent(await image.OpenReadAsync());
            part.Headers.ContentType = new MediaTypeHeaderValue(image.MediaType);
            content.Add(part, "image[]", image.FileName);
        }

        var length = content.Headers.ContentLength ?? -1;
        await content.CopyToAsync(Stream.Null);
        return length;
    }

    private static void Fields(Action<string, string> add)
    {
        add("model", "gpt-image-2");
        add("prompt", Payloads.Prompt);
        add("n", "1");
        add("size", "1536x1024");
        add("quality", "low");
        add("input_fidelity", "high");
        add("output_format", "png");
    }
}
