using Pikumo.ImageGen.Privacy;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;
using SkiaSharp;

namespace Pikumo.ImageGen.Imaging;

/// <summary>
/// Cuts a composite into its panels with SkiaSharp, along the layout's rectangles (scaled when the provider returned
/// another size than the canvas asked for), and encodes each panel as PNG. Every panel carries XMP (see
/// <see cref="ProvenanceMetadata"/>): the IPTC digital source type <c>trainedAlgorithmicMedia</c> (every pixel is
/// the model's; cutting adds nothing), the composite's SHA-256 (and file, when the caller gives it), the panel's name
/// and any consent records.
/// </summary>
public sealed class SkiaCompositeSlicer : ICompositeSlicer
{
    /// <inheritdoc />
    public Task<IReadOnlyList<GeneratedImage>> SliceAsync(GeneratedImage composite, CompositeLayout layout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(composite);
        return SliceAsync(composite, layout, new ImageProvenance { Sources = [ProvenanceSource.Of(composite.Data.Span)] }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<GeneratedImage>> SliceAsync(GeneratedImage composite, CompositeLayout layout, ImageProvenance provenance, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(composite);
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(provenance);
        cancellationToken.ThrowIfCancellationRequested();
        using var bitmap = SkiaImages.Decode(composite.Data, nameof(composite));
        var scaleX = (double)bitmap.Width / layout.Canvas.Width;
        var scaleY = (double)bitmap.Height / layout.Canvas.Height;
        var panels = new List<GeneratedImage>(layout.Panels.Count);
        foreach (var panel in layout.Panels)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var b = panel.Bounds;
            var left = (int)Math.Round(b.X * scaleX);
            var top = (int)Math.Round(b.Y * scaleY);
            var right = Math.Min(bitmap.Width, (int)Math.Round((b.X + b.Width) * scaleX));
            var bottom = Math.Min(bitmap.Height, (int)Math.Round((b.Y + b.Height) * scaleY));
            using var crop = new SKBitmap();
            if (!bitmap.ExtractSubset(crop, new SKRectI(left, top, right, bottom)))
            {
                throw new InvalidOperationException($"Panel {panel.Name} ({left},{top})-({right},{bottom}) lies outside the {bitmap.Width}x{bitmap.Height} composite.");
            }

            var own = provenance with
            {
                Sources = [.. provenance.Sources.Select((source, i) => i == 0 ? source with { Part = panel.Name } : source)],
                Description = provenance.Description is { } text ? $"{panel.Name}: {text}" : $"{panel.Name} of a composite",
            };
            panels.Add(new GeneratedImage(panel.Index, ProvenanceMetadata.Embed(SkiaImages.EncodePng(crop), own)));
        }

        return Task.FromResult<IReadOnlyList<GeneratedImage>>(panels);
    }
}
