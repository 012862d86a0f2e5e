namespace Pikumo.ImageGen.Testing.Internal;

/// <summary>
/// What the providers' published descriptions accept, per model: the simulator judges requests by these, not by the
/// client's <see cref="ImageModelCatalog"/>, so a mistake in the catalog is refused here instead of agreed with.
/// Sources (vendored with provenance by <c>eng/vendor-api-descriptions.py</c>; the conformance tests check these
/// values against the vendored files): OpenAI's OpenAPI description, <c>components/schemas/CreateImageEditRequest</c>
/// and <c>CreateImageRequest</c>; fal-js <c>GptImage2EditInput</c>/<c>GptImage2Input</c> and fal's stated rules.
/// </summary>
internal static class DescribedRules
{
    /// <summary>The fields of <c>CreateImageEditRequest</c> (multipart), plus <c>images</c> of its JSON form <c>EditImageBodyJsonParam</c>.</summary>
    public static readonly HashSet<string> EditFields = new(StringComparer.Ordinal)
    {
        "image", "image[]", "images", "prompt", "mask", "background", "model", "n", "size", "response_format", "output_format", "output_compression",
        "user", "input_fidelity", "stream", "partial_images", "quality",
    };

    /// <summary>The fields of <c>CreateImageRequest</c>. <c>moderation</c> and <c>style</c> are generation-only.</summary>
    public static readonly HashSet<string> GenerationFields = new(StringComparer.Ordinal)
    {
        "prompt", "model", "n", "quality", "response_format", "output_format", "output_compression", "stream", "partial_images", "size", "moderation",
        "background", "style", "user",
    };

    /// <summary>The GPT image models both request schemas name (<c>model</c>'s enum), dated snapshot included.</summary>
    public static readonly HashSet<string> GptImageModels = new(StringComparer.OrdinalIgnoreCase)
    {
        "gpt-image-2", "gpt-image-2-2026-04-21", "gpt-image-1.5", "gpt-image-1", "gpt-image-1-mini", "chatgpt-image-latest",
    };

    /// <summary>
    /// The described limits of a GPT image model, or <see langword="null"/> for a model the descriptions do not name
    /// (the host's catalog entry is used for those: the host added the model, the description has nothing to say).
    /// </summary>
    public static ImageModelCapabilities? For(string model) => !GptImageModels.Contains(model) ? null : new ImageModelCapabilities
    {
        Model = model,

        // image: anyOf [binary, array maxItems 16]; "each image should be a png, webp, or jpg file less than 50MB".
        MaxReferenceImages = 16,
        MaxReferenceImageBytes = 50L * 1024 * 1024,
        ReferenceFormats = [ImageFormat.Png, ImageFormat.Jpeg, ImageFormat.Webp],

        // mask: "Must be a valid PNG file, less than 4MB, and have the same dimensions as image".
        MaxMaskBytes = 4L * 1024 * 1024,

        // prompt: "32000 characters for the GPT image models".
        MaxPromptLength = 32_000,

        // n: minimum 1, maximum 10 (both request schemas).
        MaxCount = 10,

        // size: gpt-image-2 (and its snapshot) take WIDTHxHEIGHT divisible by 16, aspect 1:3..3:1, at most 3840x2160;
        // the others the three standard sizes and auto.
        Sizes = model.StartsWith("gpt-image-2", StringComparison.OrdinalIgnoreCase) ? ImageSizeRules.GptImage2 : ImageSizeRules.StandardGptImage,

        // quality: "high, medium and low are supported for the GPT image models", auto the default.
        Qualities = [ImageQuality.Low, ImageQuality.Medium, ImageQuality.High, ImageQuality.Auto],

        // input_fidelity (InputFidelity): "only supported for gpt-image-1 and gpt-image-1.5 and later models, unsupported for gpt-image-1-mini".
        SupportsInputFidelity = !model.Equals("gpt-image-1-mini", StringComparison.OrdinalIgnoreCase),

        // background: "For gpt-image-2 and gpt-image-2-2026-04-21, this support is in preview" (transparent).
        Transparency = model.StartsWith("gpt-image-2", StringComparison.OrdinalIgnoreCase) ? TransparencySupport.Preview : TransparencySupport.Supported,

        // partial_images (PartialImages): integer 0..3.
        MaxPartialImages = 3,
    };

    /// <summary>
    /// fal's <c>openai/gpt-image-2[/edit]</c>: image_urls "A maximum of 16 images are allowed" (fal-js
    /// GptImage2EditInput); image_size "multiples of 16, max edge 3840px, aspect ratio &lt;= 3:1, total pixels between
    /// 655,360 and 8,294,400" (fal-js GptImage2Input). num_images 1–4 is <see cref="SimulatorOptions.FalMaxImages"/>.
    /// </summary>
    public static ImageModelCapabilities? Fal(string model) => For(model) is { } described
        ? described with { MaxReferenceImages = 16, Sizes = ImageSizeRules.GptImage2 }
        : null;
}
