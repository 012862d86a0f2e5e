namespace Pikumo.ImageGen;

/// <summary>
/// A price per megapixel (2^20 pixels), as fal bills FLUX.2: the first output megapixel of each image at
/// <see cref="FirstMegapixel"/>, each further one (and, with <see cref="IncludesInput"/>, each megapixel of the reference
/// images) at <see cref="ExtraMegapixel"/>, every count rounded up to whole megapixels. FLUX.2 [pro] edit: $0.03 + $0.015
/// (1024×1024 → $0.03 output; 1920×1080 → $0.045), <c>shared/api/fal.md</c> §11.5.
/// </summary>
public sealed record MegapixelPrice
{
    /// <summary>USD for the first megapixel of each output image.</summary>
    public decimal FirstMegapixel { get; init; }

    /// <summary>USD for each further megapixel.</summary>
    public decimal ExtraMegapixel { get; init; }

    /// <summary>Whether the reference images' megapixels are billed too (at <see cref="ExtraMegapixel"/>).</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool IncludesInput { get; init; } = true;

    /// <summary>The cost of a call: output per image, input once per call.</summary>
    /// <param name="shape">The call; <see cref="ImageSize.Auto"/> counts as 1024×1024, references without known pixels as 1024×1024 each.</param>
    /// <returns>USD.</returns>
    public decimal Cost(ImageCallShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        const double Megapixel = 1024.0 * 1024;
        var output = (long)Math.Ceiling((shape.Size.IsAuto ? Megapixel : shape.Size.PixelCount) / Megapixel);
        var perImage = FirstMegapixel + (ExtraMegapixel * Math.Max(0, output - 1));
        var references = Math.Max(0, shape.References);
        var input = !IncludesInput || references == 0 ? 0
            : shape.ReferencePixels is { } pixels ? (long)Math.Ceiling(pixels / Megapixel)
            : references;
        return (perImage * Math.Max(1, shape.Count)) + (ExtraMegapixel * input);
    }
}
