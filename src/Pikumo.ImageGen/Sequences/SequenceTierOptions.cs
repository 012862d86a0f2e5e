namespace Pikumo.ImageGen.Sequences;

/// <summary>What the calls of one tier ask for.</summary>
public sealed record SequenceTierOptions
{
    /// <summary>Rendering quality.</summary>
    public ImageQuality Quality { get; init; } = ImageQuality.Low;

    /// <summary>The image size: the composite canvas for the preview tier, the frame size for the final tier.</summary>
    public ImageSize Size { get; init; } = ImageSize.Landscape1536x1024;

    private readonly InputFidelity? _inputFidelity = ImageGen.InputFidelity.High;

    /// <summary>
    /// How closely to match the reference photos (faces especially); <see cref="InputFidelity.High"/> is what held identity
    /// in the seed. The default is sent only where the model and provider take the field (not on fal, not on
    /// gpt-image-1-mini), so the same tier settings run on every provider. A value you set is sent, or refused or left out
    /// by <see cref="ImageGenOptions.UnsupportedParameters"/> like any request field.
    /// </summary>
    /// <value>Default <see cref="InputFidelity.High"/> where it is taken.</value>
    public InputFidelity? InputFidelity
    {
        get => _inputFidelity;
        init
        {
            _inputFidelity = value;
            InputFidelityIsDefault = false;
        }
    }

    /// <summary>Whether <see cref="InputFidelity"/> is the library's default rather than a value the caller set.</summary>
    internal bool InputFidelityIsDefault { get; private init; } = true;

    /// <summary>The output format; <see langword="null"/> for the provider's default (PNG).</summary>
    public ImageFormat? OutputFormat { get; init; }
}
