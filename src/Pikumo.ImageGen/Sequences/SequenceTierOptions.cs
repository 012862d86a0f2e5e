namespace Pikumo.ImageGen.Sequences;

/// <summary>What the calls of one tier ask for.</summary>
public sealed record SequenceTierOptions
{
    private readonly ImageQuality _quality = ImageQuality.Low;

    /// <summary>
    /// Rendering quality. The default is sent only where the model takes a quality (not on Gemini, FLUX.2 or Nano Banana),
    /// so the same tier settings run on every route; a value you set meets <see cref="ImageGenOptions.UnsupportedParameters"/>.
    /// </summary>
    /// <value>Default <see cref="ImageQuality.Low"/> (preview), <see cref="ImageQuality.High"/> (final).</value>
    public ImageQuality Quality
    {
        get => _quality;
        init
        {
            _quality = value;
            QualityIsDefault = false;
        }
    }

    /// <summary>Whether <see cref="Quality"/> is the library's default rather than a value the caller set.</summary>
    internal bool QualityIsDefault { get; private init; } = true;

    /// <summary>
    /// The provider this tier runs on, by name (<c>openai</c>, <c>azure.ai.openai</c>, <c>fal</c>, <c>gemini</c>): a preview on
    /// Nano Banana 2 and a final on gpt-image-2, for example. <see langword="null"/> runs on the runner's client; another
    /// name needs a client for it in <see cref="SequenceRunner.RouteClients"/>. The planner prices the tier there.
    /// </summary>
    public string? Provider { get; init; }

    /// <summary>The model of this tier's calls; <see cref="SequenceRequest.Model"/> (then the client's default) when <see langword="null"/>.</summary>
    public ImageModel? Model { get; init; }

    /// <summary>The final tier's defaults: high quality 1024×1536 frames (the quality still counts as a library default).</summary>
    internal static SequenceTierOptions FinalDefaults() =>
        new SequenceTierOptions { Quality = ImageQuality.High, Size = ImageSize.Portrait1024x1536 } with { QualityIsDefault = true };

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
