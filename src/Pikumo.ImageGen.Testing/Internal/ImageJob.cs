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

    /// <summary>
    /// The call's time: the planner's latency model for the job's shape (quality, size, images, references, panels),
    /// varied per call when the options ask for a spread, then scaled.
    /// </summary>
    public static TimeSpan Latency(ImageJob job, SimulatorOptions options)
    {
        var median = options.Latency.Estimate(Shape(job, job.Count), TokensFor(job.Model));
        var identity = $"{job.Provider}|{job.Operation}|{job.Model}|{job.SizeText}|{job.Quality}|{job.Count}|{job.References.Count}|{job.InputFidelity}|{job.Prompt}";
        return options.Latency.Vary(median, options.Seed, identity) * Math.Max(0, options.LatencyScale);
    }

    public static Raster Render(ImageJob job, int variant, ulong seed) =>
        SceneRenderer.Render(job.Size.Width, job.Size.Height, job.Layout, seed, variant, $"pikumo simulator | {job.Model} | {job.SizeText} | #{variant}");

    public static byte[] Png(ImageJob job, int variant, ulong seed) => Png(Render(job, variant, seed), block: 1);

    public static byte[] Png(Raster raster, int block) =>
        PngEncoder.Encode(raster.Width, raster.Height, block > 1 ? raster.Pixelated(block) : raster.Pixels);

    /// <summary>
    /// The usage the library's token model gives for the job (<see cref="ImageTokenModel"/>, the one the planner and
    /// the client's estimate use): text ≈ prompt length / 4, input image tokens per reference by fidelity, output
    /// tokens per image by quality and size plus 100 per partial image.
    /// </summary>
    public static SimulatedUsage Usage(ImageJob job, int images)
    {
        var usage = TokensFor(job.Model).Usage(Shape(job, images));
        return new SimulatedUsage(usage.InputTextTokens, usage.InputImageTokens, usage.OutputImageTokens);
    }

    /// <summary>The token model of a model id: the default price table's, by exact id or the longest known prefix (dated snapshots); gpt-image-1's otherwise.</summary>
    public static ImageTokenModel TokensFor(string model)
    {
        if (ImagePriceTable.Default.Find(ImagePriceTable.AnyProvider, model)?.Tokens is { } tokens)
        {
            return tokens;
        }

        foreach (var known in (ReadOnlySpan<string>)["gpt-image-2", "gpt-image-1.5", "gpt-image-1-mini", "gpt-image-1"])
        {
            if (model.StartsWith(known, StringComparison.OrdinalIgnoreCase) && ImagePriceTable.Default.Find(ImagePriceTable.AnyProvider, known)?.Tokens is { } prefixed)
            {
                return prefixed;
            }
        }

        return ImageTokenModel.GptImage1;
    }

    private static ImageCallShape Shape(ImageJob job, int images) => new()
    {
        Count = Math.Max(1, images),
        Size = job.Size,
        Quality = new ImageQuality(EchoQuality(job.Quality)),
        References = job.References.Count,
        InputFidelity = string.IsNullOrEmpty(job.InputFidelity) ? (InputFidelity?)null : new InputFidelity(job.InputFidelity),
        PromptCharacters = job.Prompt.Length,
        PartialImages = job.Stream ? job.PartialImages : 0,
        Panels = job.Layout.IsComposite ? job.Layout.Rows * job.Layout.Columns : 1,
    };
}
