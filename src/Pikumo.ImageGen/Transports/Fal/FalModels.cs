namespace Pikumo.ImageGen.Transports.Fal;

/// <summary>How a fal model takes its size.</summary>
internal enum FalSizeField
{
    /// <summary><c>image_size</c>: <c>{width, height}</c>, a preset or <c>auto</c> (gpt-image, FLUX.2).</summary>
    ImageSize,

    /// <summary><c>aspect_ratio</c> + <c>resolution</c> (Nano Banana).</summary>
    AspectRatio,
}

/// <summary>
/// The per-model field map of a fal endpoint family: which of the library's fields it takes and under which wire name
/// and form. Sources: <c>shared/api/fal.md</c> §11 (fal-js <c>endpoints.ts</c> input types, fal's pages).
/// </summary>
internal sealed record FalModelMap
{
    /// <summary>The model id (fal's app id) requests name, for example <c>fal-ai/flux-2-pro</c>.</summary>
    public required string Model { get; init; }

    public required string EditEndpoint { get; init; }

    public required string GenerateEndpoint { get; init; }

    public FalSizeField Size { get; init; } = FalSizeField.ImageSize;

    /// <summary>Whether <c>num_images</c> exists (FLUX.2 pro, max and flex have none: one image per call).</summary>
    public bool NumImages { get; init; }

    /// <summary>The highest <c>safety_tolerance</c> (a string <c>"1"</c>…); 0 when the model has no such field.</summary>
    public int SafetyToleranceMax { get; init; }

    /// <summary>Whether <c>limit_generations</c> is sent explicitly (Nano Banana: fal's default drops intermediate images).</summary>
    public bool LimitGenerations { get; init; }

    /// <summary>Whether an <c>auto</c> size is sent as the first reference's size, because the endpoint's default is a fixed square (FLUX.2 turbo).</summary>
    public bool SizeFromFirstReference { get; init; }
}

/// <summary>FLUX.2 and Nano Banana 2 on fal: field maps, capability entries and prices.</summary>
internal static class FalModels
{
    public const string Provider = "fal";

    /// <summary>Nano Banana's <c>aspect_ratio</c> values besides <c>auto</c> (§11.3).</summary>
    private static readonly string[] NanoBananaRatios = ["21:9", "16:9", "3:2", "4:3", "5:4", "1:1", "4:5", "3:4", "2:3", "9:16", "4:1", "1:4", "8:1", "1:8"];

    private static readonly Dictionary<string, FalModelMap> Maps = new FalModelMap[]
    {
        new() { Model = "fal-ai/flux-2-pro", EditEndpoint = "fal-ai/flux-2-pro/edit", GenerateEndpoint = "fal-ai/flux-2-pro", SafetyToleranceMax = 5 },
        new() { Model = "fal-ai/flux-2-max", EditEndpoint = "fal-ai/flux-2-max/edit", GenerateEndpoint = "fal-ai/flux-2-max", SafetyToleranceMax = 5 },
        new() { Model = "fal-ai/flux-2-flex", EditEndpoint = "fal-ai/flux-2-flex/edit", GenerateEndpoint = "fal-ai/flux-2-flex", SafetyToleranceMax = 5 },
        new() { Model = "fal-ai/flux-2", EditEndpoint = "fal-ai/flux-2/edit", GenerateEndpoint = "fal-ai/flux-2", NumImages = true },
        new() { Model = "fal-ai/flux-2/turbo", EditEndpoint = "fal-ai/flux-2/turbo/edit", GenerateEndpoint = "fal-ai/flux-2/turbo", NumImages = true, SizeFromFirstReference = true },
        new() { Model = "fal-ai/nano-banana-2", EditEndpoint = "fal-ai/nano-banana-2/edit", GenerateEndpoint = "fal-ai/nano-banana-2", Size = FalSizeField.AspectRatio, NumImages = true, SafetyToleranceMax = 6, LimitGenerations = true },
    }.ToDictionary(m => m.Model, StringComparer.OrdinalIgnoreCase);

    /// <summary>FLUX.2 sizes (§11.2): 512–2048 px per side in multiples of 16 [3rd F4], presets or <c>auto</c>.</summary>
    private static readonly ImageSizeRules FluxSizes = new()
    {
        AllowsFlexible = true,
        EdgeMultiple = 16,
        MaxAspectRatio = 4,
        MaxEdge = 2048,
        MinPixels = 512L * 512,
        MaxPixels = 2048L * 2048,
        ExperimentalAbovePixels = long.MaxValue,
    };

    /// <summary>The map of a model, or <see langword="null"/> for gpt-image (the options' endpoints) and unknown models (raw fields).</summary>
    public static FalModelMap? Find(string model) => Maps.GetValueOrDefault(model);

    public static IEnumerable<ImageModelCapabilities> Capabilities =>
    [
        // pro and max share one input type: up to 9 references and 9 MP of input [doc F1]; no num_images, no guidance.
        Flux("fal-ai/flux-2-pro", references: 9, count: 1, guidance: false, [ImageFormat.Jpeg, ImageFormat.Png]),
        Flux("fal-ai/flux-2-max", references: 9, count: 1, guidance: false, [ImageFormat.Jpeg, ImageFormat.Png]),

        // flex: guidance_scale (default 3.5), no num_images; its reference cap is not stated, 9 as its siblings.
        Flux("fal-ai/flux-2-flex", references: 9, count: 1, guidance: true, [ImageFormat.Jpeg, ImageFormat.Png]),

        // dev and turbo: "max 4, extras silently dropped"; num_images without a stated bound (4 as fal's other models).
        Flux("fal-ai/flux-2", references: 4, count: 4, guidance: true, [ImageFormat.Png, ImageFormat.Jpeg, ImageFormat.Webp]) with { DropsExtraReferencesSilently = true },
        Flux("fal-ai/flux-2/turbo", references: 4, count: 4, guidance: true, [ImageFormat.Png, ImageFormat.Jpeg, ImageFormat.Webp]) with { DropsExtraReferencesSilently = true },

        // Nano Banana 2 (Gemini 3.1 Flash Image on fal, §11.3): num_images 1–4, aspect_ratio + resolution 0.5K–4K, seed;
        // fal sets no reference cap, Google documents 14.
        Narrow(new ImageModelCapabilities
        {
            Model = "fal-ai/nano-banana-2",
            MaxReferenceImages = 14,
            MaxCount = 4,
            Sizes = new ImageSizeRules { AspectRatios = NanoBananaRatios, ResolutionTiers = ["0.5K", "1K", "2K", "4K"] },
            OutputFormats = [ImageFormat.Jpeg, ImageFormat.Png, ImageFormat.Webp],
            SupportsSeed = true,
        }),
    ];

    /// <summary>Prices per model (§11.5), on fal only.</summary>
    public static ImagePriceTable AddPrices(ImagePriceTable table) => table
        // $0.03 for the first output MP + $0.015 per extra MP of input and output, rounded up [doc F1].
        .With(Provider, "fal-ai/flux-2-pro", new ImageModelPrice { Megapixels = new() { FirstMegapixel = 0.03m, ExtraMegapixel = 0.015m } })
        // fal's price not captured; BFL's direct price "from $0.07/MP" [3rd F10], counted for input and output alike.
        .With(Provider, "fal-ai/flux-2-max", new ImageModelPrice { Megapixels = new() { FirstMegapixel = 0.07m, ExtraMegapixel = 0.07m } })
        // $0.05 [3rd F8] or $0.06 [3rd F7] per processed MP: the higher, so a budget is not overrun.
        .With(Provider, "fal-ai/flux-2-flex", new ImageModelPrice { Megapixels = new() { FirstMegapixel = 0.06m, ExtraMegapixel = 0.06m } })
        // dev edit not captured; the t2i sibling's $0.012/MP input and output [3rd F8].
        .With(Provider, "fal-ai/flux-2", new ImageModelPrice { Megapixels = new() { FirstMegapixel = 0.012m, ExtraMegapixel = 0.012m } })
        // $0.008 per MP, input and output [3rd F2].
        .With(Provider, "fal-ai/flux-2/turbo", new ImageModelPrice { Megapixels = new() { FirstMegapixel = 0.008m, ExtraMegapixel = 0.008m } })
        // $0.08 per image at 1K; ×0.75 at 0.5K, ×1.5 at 2K, ×2 at 4K [3rd F5].
        .With(Provider, "fal-ai/nano-banana-2", new ImageModelPrice
        {
            PerImageByTier = new Dictionary<string, decimal>(StringComparer.Ordinal) { ["0.5K"] = 0.06m, ["1K"] = 0.08m, ["2K"] = 0.12m, ["4K"] = 0.16m },
        });

    /// <summary>A fal model unknown to the library (an id with a slash): the generic fields plus raw ones.</summary>
    public static ImageModelCapabilities Unknown(ImageModelCapabilities capabilities) => Narrow(capabilities) with
    {
        MaxCount = Math.Min(capabilities.MaxCount, 4),
        Qualities = [],
        SupportsSeed = true,
        SupportsGuidanceScale = true,
    };

    /// <summary>What no fal model outside gpt-image takes.</summary>
    public static ImageModelCapabilities Narrow(ImageModelCapabilities capabilities) => capabilities with
    {
        Qualities = [],
        SupportsInputFidelity = false,
        SupportsBackground = false,
        Transparency = TransparencySupport.None,
        SupportsOutputCompression = false,
        SupportsModeration = false,
        SupportsUser = false,
        SupportsStreaming = false,
        MaxPartialImages = 0,
        SupportsMask = false,
        RequiresResponseFormat = false,
        SupportsExtraFields = true,
        PromptFormat = Specs.PromptFormat.PlainText,
    };

    private static ImageModelCapabilities Flux(string model, int references, int count, bool guidance, ImageFormat[] formats) => Narrow(new ImageModelCapabilities
    {
        Model = model,
        MaxReferenceImages = references,
        MaxCount = count,
        Sizes = FluxSizes,
        OutputFormats = formats,
        SupportsSeed = true,
        SupportsGuidanceScale = guidance,
    });
}
