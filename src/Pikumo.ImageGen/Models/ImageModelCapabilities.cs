namespace Pikumo.ImageGen;

/// <summary>
/// What a model accepts: the capability table that drives validation. The library ships entries for the
/// models in <see cref="ImageModelCatalog.Default"/>; hosts add or override entries for models that appear
/// later. Transports narrow an entry to what their provider takes (fal, for example, allows at most 4 images per call).
/// </summary>
public sealed record ImageModelCapabilities
{
    /// <summary>The model id this entry describes.</summary>
    public required string Model { get; init; }

    /// <summary>Whether the model serves <c>/images/edits</c>.</summary>
    public bool SupportsEdits { get; init; } = true;

    /// <summary>Whether the model serves <c>/images/generations</c>.</summary>
    public bool SupportsGenerations { get; init; } = true;

    /// <summary>The most reference images per edit.</summary>
    public int MaxReferenceImages { get; init; } = 16;

    /// <summary>The largest reference image in bytes (under 50 MB for GPT image models).</summary>
    public long MaxReferenceImageBytes { get; init; } = 50L * 1024 * 1024;

    /// <summary>The reference image formats accepted.</summary>
    public IReadOnlyList<ImageFormat> ReferenceFormats { get; init; } = [ImageFormat.Png, ImageFormat.Jpeg, ImageFormat.Webp];

    /// <summary>Whether references must be square (dall-e-2).</summary>
    public bool RequiresSquareReference { get; init; }

    /// <summary>Whether a mask is accepted.</summary>
    public bool SupportsMask { get; init; } = true;

    /// <summary>The largest mask in bytes (under 4 MB).</summary>
    public long MaxMaskBytes { get; init; } = 4L * 1024 * 1024;

    /// <summary>The longest prompt in characters (32,000 for GPT image models, 1,000 for dall-e-2).</summary>
    public int MaxPromptLength { get; init; } = 32_000;

    /// <summary>The most images per call (<c>n</c>).</summary>
    public int MaxCount { get; init; } = 10;

    /// <summary>The sizes accepted.</summary>
    public ImageSizeRules Sizes { get; init; } = ImageSizeRules.StandardGptImage;

    /// <summary>The qualities accepted; empty means the field is not accepted.</summary>
    public IReadOnlyList<ImageQuality> Qualities { get; init; } = [ImageQuality.Low, ImageQuality.Medium, ImageQuality.High, ImageQuality.Auto];

    /// <summary>Whether <c>input_fidelity</c> is accepted.</summary>
    public bool SupportsInputFidelity { get; init; } = true;

    /// <summary>Whether <c>background</c> is accepted.</summary>
    public bool SupportsBackground { get; init; } = true;

    /// <summary>Whether a transparent background works.</summary>
    public TransparencySupport Transparency { get; init; } = TransparencySupport.Supported;

    /// <summary>The output formats accepted; empty means <c>output_format</c> is not accepted.</summary>
    public IReadOnlyList<ImageFormat> OutputFormats { get; init; } = [ImageFormat.Png, ImageFormat.Jpeg, ImageFormat.Webp];

    /// <summary>Whether <c>output_compression</c> is accepted.</summary>
    public bool SupportsOutputCompression { get; init; } = true;

    /// <summary>Whether <c>moderation</c> is accepted.</summary>
    public bool SupportsModeration { get; init; } = true;

    /// <summary>Whether <c>user</c> is accepted.</summary>
    public bool SupportsUser { get; init; } = true;

    /// <summary>Whether <c>stream</c> is accepted.</summary>
    public bool SupportsStreaming { get; init; } = true;

    /// <summary>The most partial images a stream may ask for.</summary>
    public int MaxPartialImages { get; init; } = 3;

    /// <summary>Whether a seed is accepted (<see cref="ImageRequest.Seed"/>).</summary>
    public bool SupportsSeed { get; init; }

    /// <summary>Whether a guidance scale is accepted (<see cref="ImageRequest.GuidanceScale"/>).</summary>
    public bool SupportsGuidanceScale { get; init; }

    /// <summary>Whether raw body fields are accepted (<see cref="ImageRequest.ExtraFields"/>); set by transports with JSON bodies (fal).</summary>
    public bool SupportsExtraFields { get; init; }

    /// <summary>
    /// Whether the provider keeps only the first <see cref="MaxReferenceImages"/> references without an error (fal's FLUX.2
    /// dev and turbo edits keep 4): more are refused here, before the call, so none is dropped unseen.
    /// </summary>
    internal bool DropsExtraReferencesSilently { get; init; }

    /// <summary>Whether the model needs <c>response_format=b64_json</c> to return bytes (dall-e models).</summary>
    public bool RequiresResponseFormat { get; init; }

    /// <summary>
    /// The most frames the model keeps one person coherent across (panels in one composite, or frames of one
    /// chained chunk). The seed measured 8 on gpt-image-2; sequences never exceed it.
    /// </summary>
    public int CoherenceCeiling { get; init; } = 8;

    /// <summary>
    /// How a prompt built from a <see cref="Specs.PromptSpec"/> is written for this model: JSON for the gpt-image models
    /// (the default), plain structured text for models that do not read a JSON block well.
    /// </summary>
    /// <value>Default: <see cref="Specs.PromptFormat.Json"/>.</value>
    public Specs.PromptFormat PromptFormat { get; init; } = Specs.PromptFormat.Json;
}
