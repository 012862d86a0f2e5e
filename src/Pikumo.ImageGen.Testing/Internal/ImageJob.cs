using System.Globalization;
using Pikumo.ImageGen.Testing.Imaging;
using Pikumo.ImageGen.Transports;

namespace Pikumo.ImageGen.Testing.Internal;

/// <summary>A validated image call, whatever the provider: what to draw, how many, how large, and what to echo.</summary>
internal sealed record ImageJob
{
    public required ImageProvider Provider { get; init; }

    public required ImageOperation Operation { get; init; }

    public required string Model { get; init; }

    public required string Prompt { get; init; }

    public required int Count { get; init; }

    /// <summary>The size drawn (never auto).</summary>
    public required ImageSize Size { get; init; }

    /// <summary>The quality echoed (<c>low</c>, <c>medium</c>, <c>high</c>; <c>auto</c> resolves to <c>medium</c>).</summary>
    public required string Quality { get; init; }

    public string Background { get; init; } = "opaque";

    public string? InputFidelity { get; init; }

    public IReadOnlyList<RecordedImage> References { get; init; } = [];

    public bool Stream { get; init; }

    public int PartialImages { get; init; }

    public bool SyncMode { get; init; }

    public required PromptLayout Layout { get; init; }

    public string SizeText => string.Create(CultureInfo.InvariantCulture, $"{Size.Width}x{Size.Height}");
}

/// <summary>Token counts in the shape OpenAI and Azure report them.</summary>
internal sealed record SimulatedUsage(long InputText, long InputImage, long OutputImage)
{
    public long Input => InputText + InputImage;

    public long Total => Input + OutputImage;
}

/// <summary>Sizes, pictures, latencies and usage of image jobs.</summary>
internal static class ImageFactory
{
    /// <summary>Output image tokens of one 1024×1024 image per quality (OpenAI's published gpt-image-1 figures; other sizes scale with pixels).</summary>
    private static readonly Dictionary<string, long> OutputTokens1024 = new(StringComparer.Ordinal)
    {
        ["low"] = 272,
        ["medium"] = 1056,
        ["high"] = 4160,
    };

    /// <summary>
    /// The size a call draws at. An explicit size is used as is. <c>auto</c> takes the composite's canvas, else
    /// (edits) the first reference's size when the model accepts it, else the standard size nearest its shape,
    /// else 1024×1024.
    /// </summary>
    public static ImageSize ResolveSize(ImageSize requested, PromptLayout layout, IReadOnlyList<RecordedImage> references, ImageSizeRules rules)
    {
        if (!requested.IsAuto)
        {
            return requested;
        }

        if (layout.Canvas is { } canvas && rules.Check(canvas) is null)
        {
            return canvas;
        }

        if (references.Count > 0 && references[0].Header is { HasSize: true } header)
        {
            var size = header.Size;
            if (rules.Check(size) is null)
            {
                return size;
            }

            var ratio = (double)size.Width / size.Height;
            return ratio > 1.25 ? ImageSize.Landscape1536x1024 : ratio < 0.8 ? ImageSize.Portrait1024x1536 : ImageSize.Square1024;
        }

        return ImageSize.Square1024;
    }

    public static string EchoQuality(string quality) => quality is "low" or "medium" or "high" ? quality : "medium";

    public static TimeSpan Latency(ImageJob job, SimulatorOptions options) =>
        options.Latency.Estimate(job.Count, job.Layout.IsComposite ? job.Layout.Rows * job.Layout.Columns : 1, job.Size) * Math.Max(0, options.LatencyScale);

    public static Raster Render(ImageJob job, int variant, ulong seed) =>
        SceneRenderer.Render(job.Size.Width, job.Size.Height, job.Layout, seed, variant, $"pikumo simulator | {job.Model} | {job.SizeText} | #{variant}");

    public static byte[] Png(ImageJob job, int variant, ulong seed) => Png(Render(job, variant, seed), block: 1);

    public static byte[] Png(Raster raster, int block) =>
        PngEncoder.Encode(raster.Width, raster.Height, block > 1 ? raster.Pixelated(block) : raster.Pixels);

    /// <summary>
    /// Plausible token counts: text ≈ prompt length / 4; per reference 7,400 image tokens at high input fidelity,
    /// 272 at low (the seed's $0.067 per low-quality image with one high-fidelity reference); output by quality
    /// and pixel count; 100 per partial image.
    /// </summary>
    public static SimulatedUsage Usage(ImageJob job, int images)
    {
        var text = Math.Max(1, (job.Prompt.Length + 3) / 4);
        var perReference = job.InputFidelity == "high" ? 7_400 : 272;
        var perImage = (long)Math.Round(OutputTokens1024[EchoQuality(job.Quality)] * (job.Size.PixelCount / (1024.0 * 1024)));
        var partials = job.Stream ? job.PartialImages * 100L : 0;
        return new SimulatedUsage(text, job.References.Count * perReference, (perImage + partials) * images);
    }
}
