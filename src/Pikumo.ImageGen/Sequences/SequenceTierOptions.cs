namespace Pikumo.ImageGen.Sequences;

/// <summary>What the calls of one tier ask for.</summary>
public sealed record SequenceTierOptions
{
    /// <summary>Rendering quality.</summary>
    public ImageQuality Quality { get; init; } = ImageQuality.Low;

    /// <summary>The image size: the composite canvas for the preview tier, the frame size for the final tier.</summary>
    public ImageSize Size { get; init; } = ImageSize.Landscape1536x1024;

    /// <summary>How closely to match the reference photos (faces especially); <see cref="InputFidelity.High"/> is what held identity in the seed.</summary>
    public InputFidelity? InputFidelity { get; init; } = ImageGen.InputFidelity.High;

    /// <summary>The output format; <see langword="null"/> for the provider's default (PNG).</summary>
    public ImageFormat? OutputFormat { get; init; }
}
