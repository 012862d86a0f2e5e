using Pikumo.ImageGen.Privacy;
using Pikumo.ImageGen.Sequences;
using SkiaSharp;

namespace Pikumo.ImageGen.Imaging;

/// <summary>Puts a sequence's frames on one captioned sheet, for review before the final tier.</summary>
public static class ContactSheet
{
    /// <summary>Makes a PNG contact sheet of images with captions.</summary>
    /// <param name="items">The images and their captions, in order.</param>
    /// <param name="options">Layout; defaults when <see langword="null"/>.</param>
    /// <returns>The PNG.</returns>
    /// <exception cref="ArgumentException">No items, or an item that is not an image.</exception>
    public static byte[] Create(IReadOnlyList<(ReadOnlyMemory<byte> Image, string Caption)> items, ContactSheetOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            throw new ArgumentException("A contact sheet needs at least one image.", nameof(items));
        }

        options ??= new ContactSheetOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Columns, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ThumbnailWidth, 8, nameof(options));
        var bitmaps = new List<SKBitmap>(items.Count);
        try
        {
            foreach (var (image, _) in items)
            {
                bitmaps.Add(SkiaImages.Decode(image, nameof(items)));
            }

            var thumbWidth = options.ThumbnailWidth;
            var thumbHeights = bitmaps.Select(b => (int)Math.Round((double)b.Height * thumbWidth / b.Width)).ToArray();
            var captionHeight = options.CaptionSize > 0 ? (int)Math.Ceiling(options.CaptionSize * 1.6) : 0;
            var rows = (items.Count + options.Columns - 1) / options.Columns;
            var rowHeights = Enumerable.Range(0, rows).Select(r => thumbHeights.Skip(r * options.Columns).Take(options.Columns).Max() + captionHeight).ToArray();
            var columns = Math.Min(options.Columns, items.Count);
            var width = options.Padding + (columns * (thumbWidth + options.Padding));
            var height = options.Padding + rowHeights.Sum(h => h + options.Padding);

            using var sheet = new SKBitmap(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
            using var canvas = new SKCanvas(sheet);
            canvas.Clear(new SKColor(0xF4, 0xF1, 0xEC));
            using var font = new SKFont(SKTypeface.Default, options.CaptionSize);
            using var paint = new SKPaint { Color = new SKColor(0x33, 0x33, 0x33), IsAntialias = true };
            var y = options.Padding;
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < options.Columns; c++)
                {
                    var i = (r * options.Columns) + c;
                    if (i >= items.Count)
                    {
                        break;
                    }

                    var x = options.Padding + (c * (thumbWidth + options.Padding));
                    using var image = SKImage.FromBitmap(bitmaps[i]);
                    canvas.DrawImage(image, new SKRect(x, y, x + thumbWidth, y + thumbHeights[i]), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear));
                    if (captionHeight > 0)
                    {
                        var caption = Fit(items[i].Caption, font, thumbWidth);
                        canvas.DrawText(caption, x, y + thumbHeights[i] + options.CaptionSize * 1.2f, SKTextAlign.Left, font, paint);
                    }
                }

                y += rowHeights[r] + options.Padding;
            }

            var provenance = options.Provenance ?? new ImageProvenance
            {
                DigitalSourceType = DigitalSourceTypes.CompositeWithTrainedAlgorithmicMedia,
                Sources = [.. items.Select(item => ProvenanceSource.Of(item.Image.Span))],
                Description = $"contact sheet of {items.Count} images",
            };
            return ProvenanceMetadata.Embed(SkiaImages.EncodePng(sheet), provenance);
        }
        finally
        {
            foreach (var bitmap in bitmaps)
            {
                bitmap.Dispose();
            }
        }
    }

    /// <summary>Makes a contact sheet of a sequence's frames, captioned with beat number and text (failed frames are left out).</summary>
    /// <param name="frames">The frames.</param>
    /// <param name="options">Layout.</param>
    /// <returns>The PNG.</returns>
    public static byte[] Create(IEnumerable<SequenceFrame> frames, ContactSheetOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frames);
        var shown = frames.Where(f => f.Image is not null).OrderBy(f => f.BeatIndex).ToList();
        options ??= new ContactSheetOptions();
        options = options.Provenance is not null ? options : options with
        {
            Provenance = new ImageProvenance
            {
                DigitalSourceType = DigitalSourceTypes.CompositeWithTrainedAlgorithmicMedia,
                Sources = [.. shown.Select(f => ProvenanceSource.Of(Bytes(f).Span, RunRelative(f.FilePath)) with { RequestId = f.RequestId, Part = f.Panel })],
                Description = $"contact sheet of {shown.Count} {(shown.Count == 1 ? "frame" : "frames")}",
            },
        };
        return Create([.. shown.Select(f => (Bytes(f), $"{f.BeatIndex + 1}. {f.Beat.Beat}"))], options);
    }

    /// <summary>A frame's file as the manifest names it (<c>preview/frame-001.png</c>), never the machine's absolute path.</summary>
    private static string? RunRelative(string? path) =>
        path is null ? null : Path.GetFileName(Path.GetDirectoryName(path)) is { Length: > 0 } folder ? $"{folder}/{Path.GetFileName(path)}" : Path.GetFileName(path);

    private static string Fit(string text, SKFont font, float width)
    {
        if (font.MeasureText(text) <= width)
        {
            return text;
        }

        var end = text.Length;
        while (end > 1 && font.MeasureText(string.Concat(text.AsSpan(0, end), "…")) > width)
        {
            end--;
        }

        return string.Concat(text.AsSpan(0, end), "…");
    }

    /// <summary>A frame's bytes: held, or from its file when the run wrote it as it was decoded (<see cref="SequenceRunOptions.WriteFramesAsDecoded"/>).</summary>
    private static ReadOnlyMemory<byte> Bytes(SequenceFrame frame) =>
        frame.Image!.IsWrittenToDestination ? File.ReadAllBytes(frame.FilePath!) : frame.Image.Data;
}
