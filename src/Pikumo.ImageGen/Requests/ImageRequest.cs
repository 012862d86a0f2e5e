namespace Pikumo.ImageGen;

/// <summary>
/// The fields an edit and a generation share. Requests are immutable: build one with an object initializer
/// and derive variants with <c>with</c>. Every field left <see langword="null"/> is left off the wire, except
/// <see cref="Quality"/>, which is always sent (the options' <c>DefaultQuality</c> when unset) because
/// providers' own defaults differ (fal defaults to the expensive <c>high</c>).
/// </summary>
public abstract record ImageRequest
{
    private protected ImageRequest()
    {
    }

    /// <summary>What to draw (wire <c>prompt</c>): text or a rendered spec. Required; at most the model's limit (32,000 characters for GPT image models).</summary>
    public required ImagePrompt Prompt { get; init; }

    /// <summary>The model (wire <c>model</c>); on Azure the deployment name. <see langword="null"/> takes the options' <c>DefaultModel</c>; the model is always sent.</summary>
    public ImageModel? Model { get; init; }

    /// <summary>How many images to make in one call (wire <c>n</c>, fal <c>num_images</c>).</summary>
    /// <value>Default 1; 1–10 on OpenAI and Azure, 1–4 on fal.</value>
    public int Count { get; init; } = 1;

    /// <summary>The output size (wire <c>size</c>): a fixed size, <see cref="ImageSize.Auto"/>, or on gpt-image-2 any size within its rules.</summary>
    public ImageSize? Size { get; init; }

    /// <summary>Rendering quality (wire <c>quality</c>); always sent.</summary>
    public ImageQuality? Quality { get; init; }

    /// <summary>Background (wire <c>background</c>); transparent needs PNG or WEBP output.</summary>
    public ImageBackground? Background { get; init; }

    /// <summary>Output file format (wire <c>output_format</c>).</summary>
    public ImageFormat? OutputFormat { get; init; }

    /// <summary>Compression level 0–100 for JPEG or WEBP output (wire <c>output_compression</c>).</summary>
    public int? OutputCompression { get; init; }

    /// <summary>Moderation level (wire <c>moderation</c>).</summary>
    public ImageModeration? Moderation { get; init; }

    /// <summary>An end-user id for the provider's abuse monitoring (wire <c>user</c>).</summary>
    public string? User { get; init; }

    /// <summary>How many partial images to stream before the final one, 0–3 (wire <c>partial_images</c>); only for the streaming methods.</summary>
    public int? PartialImages { get; init; }

    /// <summary>
    /// The random seed (fal <c>seed</c>), for models that take one (FLUX.2, Nano Banana on fal); the same seed and input
    /// give the same image. Refused or left out by <see cref="ImageGenOptions.UnsupportedParameters"/> elsewhere.
    /// </summary>
    public long? Seed { get; init; }

    /// <summary>How strictly to follow the prompt (fal <c>guidance_scale</c>), for models that take it (FLUX.2 flex, dev, turbo).</summary>
    public double? GuidanceScale { get; init; }

    /// <summary>
    /// Raw fields written into the JSON body as they are, for fields the library does not map (for example fal's
    /// <c>acceleration</c> or <c>enable_prompt_expansion</c>) and for models it does not know; only providers with JSON
    /// bodies take them (fal). A key the library writes itself (<c>prompt</c>, <c>image_urls</c>…) is refused: set the
    /// typed property instead.
    /// </summary>
    public IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?>? ExtraFields { get; init; }
}
