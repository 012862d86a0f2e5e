using BenchmarkDotNet.Attributes;
using Pikumo.ImageGen.Benchmarks.Infrastructure;
using Pikumo.ImageGen.Imaging;
using Pikumo.ImageGen.Specs;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Benchmarks;

/// <summary>
/// Slicing a 1536×1024 storyboard into its 8 panels (decode once, crop, encode 8 PNGs): the preview tier's
/// local work per composite. Content: the simulator's rendered storyboard (flat shapes and text, as in tests) and
/// noise (the worst case for PNG encoding; real photographic composites fall between).
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("sequences")]
public class SlicingBenchmarks
{
    private static readonly string[] Beats =
    [
        "early-morning bedroom", "coffee", "train commute", "cafe lunch",
        "afternoon reading", "midday park", "dinner cooking", "dusk balcony",
    ];

    private readonly SkiaCompositeSlicer _slicer = new();
    private CompositeLayout _layout = null!;
    private GeneratedImage _composite = null!;

    [Params("simulator", "noise")]
    public string Content { get; set; } = "simulator";

    [GlobalSetup]
    public void Setup()
    {
        _layout = new CompositeLayoutBuilder(2, 4, ImageSize.Landscape1536x1024).AddBeats(Beats.Select(Scene.FromBeat)).Build();
        if (Content == "noise")
        {
            _composite = new GeneratedImage(0, Payloads.NoisePng(1536, 1024, seed: 5, bits: 8));
            return;
        }

        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        var spec = new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithLayout(_layout).Build();
        var result = client.EditAsync(spec.ToEditRequest(ImageInput.FromBytes(Payloads.NoisePng(64, 64, seed: 9)))).GetAwaiter().GetResult();
        _composite = result.Images[0];
    }

    [Benchmark(Description = "slice 1536x1024 into 8 PNG panels")]
    public async Task<int> Slice()
    {
        var panels = await _slicer.SliceAsync(_composite, _layout);
        return panels.Count;
    }
}
