using System.Globalization;
using Pikumo.ImageGen.Sequences.Judging;
using SkiaSharp;

namespace Pikumo.ImageGen.Imaging;

/// <summary>
/// Rejects a frame that cannot be decoded or is blank: for a preview, the panel of the composite the model left empty
/// (a plain background, no people); for a final frame, an empty canvas. It decodes every pixel with SkiaSharp, samples a
/// grid of them, and rejects the frame when their luminance barely varies (standard deviation under
/// <see cref="MinimumDeviation"/>) or when one colour covers nearly all of it (<see cref="MaximumPlainShare"/>).
/// </summary>
public sealed class NotBlankJudge : IFrameJudge
{
    /// <inheritdoc />
    public string Name => "not-blank";

    /// <summary>The least standard deviation of luminance (0–255) a frame must have.</summary>
    /// <value>Default 4.</value>
    public double MinimumDeviation { get; init; } = 4;

    /// <summary>The largest share (0–1) of sampled pixels that may be one colour (within a small tolerance).</summary>
    /// <value>Default 0.97.</value>
    public double MaximumPlainShare { get; init; } = 0.97;

    /// <inheritdoc />
    public ValueTask<FrameJudgement> JudgeAsync(FrameJudgingContext context, CancellationToken cancellationToken)
    {
        using var data = SKData.CreateCopy(context.Image.Data.Span);
        using var bitmap = SKBitmap.Decode(data);
        if (bitmap is null || bitmap.Width == 0 || bitmap.Height == 0)
        {
            return ValueTask.FromResult(FrameJudgement.Reject("the image cannot be decoded"));
        }

        const int Grid = 48;
        var samples = new List<(int R, int G, int B)>(Grid * Grid);
        for (var gy = 0; gy < Grid; gy++)
        {
            for (var gx = 0; gx < Grid; gx++)
            {
                var pixel = bitmap.GetPixel((int)((gx + 0.5) * bitmap.Width / Grid), (int)((gy + 0.5) * bitmap.Height / Grid));
                samples.Add((pixel.Red, pixel.Green, pixel.Blue));
            }
        }

        var luminance = samples.Select(p => (0.2126 * p.R) + (0.7152 * p.G) + (0.0722 * p.B)).ToArray();
        var mean = luminance.Average();
        var deviation = Math.Sqrt(luminance.Sum(l => (l - mean) * (l - mean)) / luminance.Length);
        var commonest = samples.GroupBy(p => (p.R / 8, p.G / 8, p.B / 8)).Max(g => g.Count()) / (double)samples.Count;
        var measured = string.Create(CultureInfo.InvariantCulture, $"luminance deviation {deviation:0.0}, {commonest:P0} one colour");
        return ValueTask.FromResult(deviation < MinimumDeviation || commonest > MaximumPlainShare
            ? FrameJudgement.Reject($"blank ({measured})")
            : FrameJudgement.Accept(measured));
    }
}
