using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Sequences;

/// <summary>
/// Cuts a composite image into its panels. The core package has no image codec (no native code); the
/// <c>Pikumo.ImageGen.Imaging</c> package supplies the implementation (<c>services.AddPikumoImageGenImaging()</c>).
/// </summary>
public interface ICompositeSlicer
{
    /// <summary>Cuts the composite along the layout's panel rectangles (scaled if the image is not the canvas size).</summary>
    /// <param name="composite">The encoded composite.</param>
    /// <param name="layout">The layout the composite was drawn with.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>One encoded image per panel, in reading order.</returns>
    Task<IReadOnlyList<GeneratedImage>> SliceAsync(GeneratedImage composite, CompositeLayout layout, CancellationToken cancellationToken = default);

    /// <summary>
    /// Cuts the composite and marks every panel as derived from it: a slicer that can write metadata embeds
    /// <paramref name="provenance"/> (with the panel's name as <see cref="Privacy.ProvenanceSource.Part"/>) in each panel.
    /// The default ignores it and calls <see cref="SliceAsync(GeneratedImage, CompositeLayout, CancellationToken)"/>.
    /// </summary>
    /// <param name="composite">The encoded composite.</param>
    /// <param name="layout">The layout the composite was drawn with.</param>
    /// <param name="provenance">What every panel is and where it comes from: the composite's file and SHA-256, the consents.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>One encoded image per panel, in reading order.</returns>
    Task<IReadOnlyList<GeneratedImage>> SliceAsync(GeneratedImage composite, CompositeLayout layout, Privacy.ImageProvenance provenance, CancellationToken cancellationToken = default) =>
        SliceAsync(composite, layout, cancellationToken);
}
