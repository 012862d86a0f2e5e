using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Tests.Infrastructure;

/// <summary>
/// Slices nothing: every panel is the whole composite, so a panel keeps the composite's bytes (a valid image, and the
/// simulator's identity score with it) without the Imaging package.
/// </summary>
internal sealed class WholeImageSlicer : ICompositeSlicer
{
    public Task<IReadOnlyList<GeneratedImage>> SliceAsync(GeneratedImage composite, CompositeLayout layout, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<GeneratedImage>>([.. layout.Panels.Select((_, i) => new GeneratedImage(i, composite.Data))]);
}
