namespace Pikumo.ImageGen.Testing.Internal;

/// <summary>How an endpoint takes its size.</summary>
internal enum FalSizeKind
{
    ImageSize,
    AspectRatio,
}

/// <summary>
/// The input schema of a fal endpoint beyond gpt-image, as <c>shared/api/fal.md</c> §11 describes it (fal-js
/// <c>endpoints.ts</c> types and fal's pages): the simulator judges requests to these endpoints by it.
/// </summary>
internal sealed record FalModelSchema(
    string Endpoint,
    bool Edit,
    IReadOnlySet<string> Fields,
    FalSizeKind Size,
    bool SizeAuto,
    int? KeepsFirstImages,
    int? MaxImages,
    int MaxNumImages,
    string[] OutputFormats,
    int SafetyToleranceMax,
    string Output)
{
    private static readonly string[] Common = ["prompt", "seed", "output_format", "sync_mode", "enable_safety_checker"];

    public static readonly IReadOnlyDictionary<string, FalModelSchema> All = new FalModelSchema[]
    {
        // pro/max (Flux2MaxEditInput): image_urls up to 9, image_size auto|preset|{w,h}, safety_tolerance "1".."5", no num_images.
        new("fal-ai/flux-2-pro/edit", true, Set("image_urls", "image_size", "safety_tolerance"), FalSizeKind.ImageSize, true, null, 9, 0, ["jpeg", "png"], 5, "seed"),
        new("fal-ai/flux-2-max/edit", true, Set("image_urls", "image_size", "safety_tolerance"), FalSizeKind.ImageSize, true, null, 9, 0, ["jpeg", "png"], 5, "seed"),
        new("fal-ai/flux-2-pro", false, Set("image_size", "safety_tolerance"), FalSizeKind.ImageSize, true, null, null, 0, ["jpeg", "png"], 5, "seed"),
        new("fal-ai/flux-2-max", false, Set("image_size", "safety_tolerance"), FalSizeKind.ImageSize, true, null, null, 0, ["jpeg", "png"], 5, "seed"),

        // flex: guidance_scale, num_inference_steps, safety_tolerance; no num_images.
        new("fal-ai/flux-2-flex/edit", true, Set("image_urls", "image_size", "safety_tolerance", "guidance_scale", "num_inference_steps"), FalSizeKind.ImageSize, true, null, null, 0, ["jpeg", "png"], 5, "seed"),
        new("fal-ai/flux-2-flex", false, Set("image_size", "safety_tolerance", "guidance_scale", "num_inference_steps"), FalSizeKind.ImageSize, true, null, null, 0, ["jpeg", "png"], 5, "seed"),

        // dev: image_urls "max 4, extras silently dropped", preset|{w,h} (no auto), num_images, guidance, steps, acceleration.
        new("fal-ai/flux-2/edit", true, Set("image_urls", "image_size", "num_images", "guidance_scale", "num_inference_steps", "acceleration", "enable_prompt_expansion"), FalSizeKind.ImageSize, false, 4, null, 4, ["png", "jpeg", "webp"], 0, "nsfw"),
        new("fal-ai/flux-2", false, Set("image_size", "num_images", "guidance_scale", "num_inference_steps", "acceleration", "enable_prompt_expansion"), FalSizeKind.ImageSize, false, null, null, 4, ["png", "jpeg", "webp"], 0, "nsfw"),

        // turbo (= flash): as dev without steps and acceleration; image_size defaults to square_hd.
        new("fal-ai/flux-2/turbo/edit", true, Set("image_urls", "image_size", "num_images", "guidance_scale", "enable_prompt_expansion"), FalSizeKind.ImageSize, false, 4, null, 4, ["png", "jpeg", "webp"], 0, "nsfw"),
        new("fal-ai/flux-2/turbo", false, Set("image_size", "num_images", "guidance_scale", "enable_prompt_expansion"), FalSizeKind.ImageSize, false, null, null, 4, ["png", "jpeg", "webp"], 0, "nsfw"),
        new("fal-ai/flux-2/flash/edit", true, Set("image_urls", "image_size", "num_images", "guidance_scale", "enable_prompt_expansion"), FalSizeKind.ImageSize, false, 4, null, 4, ["png", "jpeg", "webp"], 0, "nsfw"),
        new("fal-ai/flux-2/flash", false, Set("image_size", "num_images", "guidance_scale", "enable_prompt_expansion"), FalSizeKind.ImageSize, false, null, null, 4, ["png", "jpeg", "webp"], 0, "nsfw"),

        // Nano Banana 2: aspect_ratio + resolution, num_images 1–4, safety_tolerance "1".."6", limit_generations, thinking, search.
        new("fal-ai/nano-banana-2/edit", true, Set("image_urls", "aspect_ratio", "resolution", "num_images", "safety_tolerance", "limit_generations", "thinking_level", "enable_web_search", "system_prompt"), FalSizeKind.AspectRatio, true, null, null, 4, ["jpeg", "png", "webp"], 6, "description"),
        new("fal-ai/nano-banana-2", false, Set("aspect_ratio", "resolution", "num_images", "safety_tolerance", "limit_generations", "thinking_level", "enable_web_search", "system_prompt"), FalSizeKind.AspectRatio, true, null, null, 4, ["jpeg", "png", "webp"], 6, "description"),
    }.ToDictionary(s => s.Endpoint, StringComparer.Ordinal);

    /// <summary>Nano Banana's <c>aspect_ratio</c> values (§11.3).</summary>
    public static readonly string[] Ratios = ["auto", "21:9", "16:9", "3:2", "4:3", "5:4", "1:1", "4:5", "3:4", "2:3", "9:16", "4:1", "1:4", "8:1", "1:8"];

    /// <summary>Nano Banana's <c>resolution</c> values.</summary>
    public static readonly string[] Resolutions = ["0.5K", "1K", "2K", "4K"];

    /// <summary>The model name drawn on images and used for usage: the endpoint without <c>/edit</c>.</summary>
    public string Model => Edit ? Endpoint[..^"/edit".Length] : Endpoint;

    private static HashSet<string> Set(params string[] fields) => new([.. Common, .. fields], StringComparer.Ordinal);
}
