using System.Globalization;

namespace Pikumo.ImageGen.Sequences.Judging;

/// <summary>
/// Rejects a frame that is not a whole image of the size asked for: the bytes must start with a readable PNG, JPEG or
/// WEBP header and end with the format's end marker (a truncated or garbled answer fails), and the pixel size must be
/// <see cref="FrameJudgingContext.RequestedSize"/> (for a preview panel, within a few pixels of its share of the canvas).
/// Needs no model and no image codec; <c>Pikumo.ImageGen.Imaging</c>'s <c>NotBlankJudge</c> decodes every pixel.
/// </summary>
public sealed class WellFormedImageJudge : IFrameJudge
{
    /// <inheritdoc />
    public string Name => "well-formed";

    /// <summary>How many pixels a preview panel may differ from its share of the canvas (slicing rounds and trims grid lines).</summary>
    /// <value>Default 8.</value>
    public int PanelTolerance { get; init; } = 8;

    /// <inheritdoc />
    public ValueTask<FrameJudgement> JudgeAsync(FrameJudgingContext context, CancellationToken cancellationToken)
    {
        var data = context.Image.Data.Span;
        if (!ImageHeader.TryRead(data[..Math.Min(data.Length, ImagePreparation.ProbeBytes)], out var header) || !header.HasSize)
        {
            return ValueTask.FromResult(FrameJudgement.Reject("not a PNG, JPEG or WEBP image with a readable header"));
        }

        if (!ImageHeader.LooksComplete(header.Format, data[..Math.Min(data.Length, 64)], data[Math.Max(0, data.Length - 64)..], data.Length))
        {
            return ValueTask.FromResult(FrameJudgement.Reject($"the {header.Format} image is cut short (its end marker is missing)"));
        }

        var wanted = context.RequestedSize;
        if (!wanted.IsAuto && wanted.Width > 0)
        {
            var tolerance = context.Panel is null ? 0 : PanelTolerance;
            if (Math.Abs(header.Width - wanted.Width) > tolerance || Math.Abs(header.Height - wanted.Height) > tolerance)
            {
                return ValueTask.FromResult(FrameJudgement.Reject(string.Create(CultureInfo.InvariantCulture, $"{header.Width}x{header.Height}, not the {wanted.Width}x{wanted.Height} asked for")));
            }
        }

        return ValueTask.FromResult(FrameJudgement.Accept());
    }
}
