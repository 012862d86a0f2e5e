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
/// The field table of a fal endpoint family: which of the library's request fields (<see cref="ImageFields"/>) it takes,
/// under which wire name, plus the few rules the generic writer cannot read from a name (the size's form, a count the
/// endpoint lacks, fields fal's defaults make worth sending). A field missing from <see cref="Fields"/> is not sent and
/// its capability is off for the model (<see cref="ImageFields.Restrict(ImageModelCapabilities, Func{ImageField, bool})"/>),
/// so validation refuses or leaves it out by policy. Sources: <c>shared/api/fal.md</c> §3 and §11.
/// </summary>
internal sealed record FalModelMap
{
    /// <summary>The model id (fal's app id) requests name, for example <c>fal-ai/flux-2-pro</c>; the options' model for gpt-image.</summary>
    public required string Model { get; init; }

    /// <summary>The edit endpoint; <see langword="null"/> takes the options' (gpt-image) or the app id with <c>/edit</c> (an unknown app).</summary>
    public string? EditEndpoint { get; init; }

    /// <summary>The text-to-image endpoint; <see langword="null"/> as <see cref="EditEndpoint"/>.</summary>
    public string? GenerateEndpoint { get; init; }

    /// <summary>The library fields the endpoints take, by wire name: the model's field table.</summary>
    public required IReadOnlyDictionary<ImageField, string> Fields { get; init; }

    /// <summary>How the size is written (<see cref="ImageFields.Size"/>'s entry names the first field).</summary>
    public FalSizeField Size { get; init; } = FalSizeField.ImageSize;

    /// <summary>Whether a count of 1 is written too (<see langword="false"/> for unknown apps, which may have no <c>num_images</c>).</summary>
    public bool CountWhenOne { get; init; } = true;

    /// <summary>The highest <c>safety_tolerance</c> (a string <c>"1"</c>…); 0 when the model has no such field.</summary>
    public int SafetyToleranceMax { get; init; }

    /// <summary>The <c>thinking_level</c> values the model takes as a raw field (Nano Banana 2: minimal, high); empty when it has no such field.</summary>
    public IReadOnlyList<string> ThinkingLevels { get; init; } = [];

    /// <summary>Whether <c>limit_generations</c> is sent explicitly (Nano Banana: fal's default drops intermediate images).</summary>
    public bool LimitGenerations { get; init; }

    /// <summary>The most input pixels all references may have together (FLUX.2 pro and max: 9 MP [doc F1]); <see langword="null"/> when no limit is stated.</summary>
    public long? MaxInputPixels { get; init; }

    /// <summary>Whether an unset or <c>auto</c> size is sent as the first reference's size, because the endpoint's default is a fixed square (FLUX.2 turbo).</summary>
    public bool SizeFromFirstReference { get; init; }

    /// <summary>Whether the model takes the field.</summary>
    public bool Takes(ImageField field) => Fields.ContainsKey(field);
}

/// <summary>FLUX.2 and Nano Banana 2 on fal: field tables, capability entries and prices.</summary>
internal static class FalModels
{
    public const string Provider = "fal";

    /// <summary>Nano Banana's <c>aspect_ratio</c> values besides <c>auto</c> (§11.3).</summary>
    private static readonly string[] NanoBananaRatios = ["21:9", "16:9", "3:2", "4:3", "5:4", "1:1", "4:5", "3:4", "2:3", "9:16", "4:1", "1:4", "8:1", "1:8"];

    /// <summary>gpt-image on fal (§3): the fields with a fal wire name in <see cref="ImageFields"/>, and raw ones.</summary>
    public static FalModelMap GptImage { get; } = new()
    {
        Model = "gpt-image",
        Fields = Table([.. ImageFields.All.Where(f => f.FalWire is not null).Select(f => (f, f.FalWire!)), (ImageFields.ExtraFields, string.Empty)]),
    };

    /// <summary>A fal app the library does not know (an id with a slash): the fields most fal models share, and raw ones.</summary>
    public static FalModelMap UnknownApp { get; } = new()
    {
        Model = "(unknown fal app)",
        Fields = Table([(ImageFields.Prompt, "prompt"), (ImageFields.Count, "num_images"), (ImageFields.Size, "image_size"), (ImageFields.OutputFormat, "output_format"), (ImageFields.Seed, "seed"), (ImageFields.GuidanceScale, "guidance_scale"), (ImageFields.ExtraFields, string.Empty)]),
        CountWhenOne = false,
    };

    /// <summary>FLUX.2 pro and max (§11.2): no <c>num_images</c>, no guidance; <c>safety_tolerance</c> "1"–"5".</summary>
    private static readonly IReadOnlyDictionary<ImageField, string> FluxProFields =
        Table([(ImageFields.Prompt, "prompt"), (ImageFields.Size, "image_size"), (ImageFields.OutputFormat, "output_format"), (ImageFields.Seed, "seed"), (ImageFields.ExtraFields, string.Empty)]);

    /// <summary>FLUX.2 flex (§11.2): pro's fields and <c>guidance_scale</c>.</summary>
    private static readonly IReadOnlyDictionary<ImageField, string> FluxFlexFields = Table([.. FluxProFields.Select(f => (f.Key, f.Value)), (ImageFields.GuidanceScale, "guidance_scale")]);

    /// <summary>FLUX.2 dev and turbo (§11.2): flex's fields and <c>num_images</c>.</summary>
    private static readonly IReadOnlyDictionary<ImageField, string> FluxDevFields = Table([.. FluxFlexFields.Select(f => (f.Key, f.Value)), (ImageFields.Count, "num_images")]);

    /// <summary>Nano Banana 2 (§11.3): <c>num_images</c> 1–4, the size as <c>aspect_ratio</c> + <c>resolution</c>, a seed; no guidance.</summary>
    private static readonly IReadOnlyDictionary<ImageField, string> NanoBananaFields =
        Table([(ImageFields.Prompt, "prompt"), (ImageFields.Count, "num_images"), (ImageFields.Size, "aspect_ratio"), (ImageFields.OutputFormat, "output_format"), (ImageFields.Seed, "seed"), (ImageFields.ExtraFields, string.Empty)]);

    private static readonly Dictionary<string, FalModelMap> Maps = new FalModelMap[]
    {
        new() { Model = "fal-ai/flux-2-pro", EditEndpoint = "fal-ai/flux-2-pro/edit", GenerateEndpoint = "fal-ai/flux-2-pro", Fields = FluxProFields, SafetyToleranceMax = 5, MaxInputPixels = 9L * 1024 * 1024 },
        new() { Model = "fal-ai/flux-2-max", EditEndpoint = "fal-ai/flux-2-max/edit", GenerateEndpoint = "fal-ai/flux-2-max", Fields = FluxProFields, SafetyToleranceMax = 5, MaxInputPixels = 9L * 1024 * 1024 },
        new() { Model = "fal-ai/flux-2-flex", EditEndpoint = "fal-ai/flux-2-flex/edit", GenerateEndpoint = "fal-ai/flux-2-flex", Fields = FluxFlexFields, SafetyToleranceMax = 5 },
        new() { Model = "fal-ai/flux-2", EditEndpoint = "fal-ai/flux-2/edit", GenerateEndpoint = "fal-ai/flux-2", Fields = FluxDevFields },
        new() { Model = "fal-ai/flux-2/turbo", EditEndpoint = "fal-ai/flux-2/turbo/edit", GenerateEndpoint = "fal-ai/flux-2/turbo", Fields = FluxDevFields, SizeFromFirstReference = true },

        // flash: the same input type as turbo (fal-js Flux2FlashEditInput, §11.2); its price is not in the sources.
        new() { Model = "fal-ai/flux-2/flash", EditEndpoint = "fal-ai/flux-2/flash/edit", GenerateEndpoint = "fal-ai/flux-2/flash", Fields = FluxDevFields, SizeFromFirstReference = true },
        new() { Model = "fal-ai/nano-banana-2", EditEndpoint = "fal-ai/nano-banana-2/edit", GenerateEndpoint = "fal-ai/nano-banana-2", Fields = NanoBananaFields, Size = FalSizeField.AspectRatio, SafetyToleranceMax = 6, LimitGenerations = true, ThinkingLevels = ["minimal", "high"] },
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

    /// <summary>The field table of a model: its own (FLUX.2, Nano Banana), <see cref="UnknownApp"/> for another fal app id (with a slash), else <see cref="GptImage"/>.</summary>
    public static FalModelMap For(string model) => Maps.GetValueOrDefault(model) ?? (IsFalAppId(model) ? UnknownApp : GptImage);

    /// <summary>Whether the model has a table of its own.</summary>
    public static bool IsMapped(string model) => Maps.ContainsKey(model);

    /// <summary>Whether a model id is a fal app id (<c>owner/alias</c>) rather than a gpt-image model the options' endpoints serve.</summary>
    public static bool IsFalAppId(string model) => model.Contains('/', StringComparison.Ordinal);

    /// <summary>The catalog entries: each model's limits, with its fields from its table (<see cref="FromTable"/>).</summary>
    public static IEnumerable<ImageModelCapabilities> Capabilities =>
    [
        // pro and max share one input type: up to 9 references and 9 MP of input [doc F1].
        Flux("fal-ai/flux-2-pro", references: 9, [ImageFormat.Jpeg, ImageFormat.Png]),
        Flux("fal-ai/flux-2-max", references: 9, [ImageFormat.Jpeg, ImageFormat.Png]),

        // flex: its reference cap is not stated, 9 as its siblings.
        Flux("fal-ai/flux-2-flex", references: 9, [ImageFormat.Jpeg, ImageFormat.Png]),

        // dev and turbo: "max 4, extras silently dropped"; num_images without a stated bound (4 as fal's other models).
        Flux("fal-ai/flux-2", references: 4, [ImageFormat.Png, ImageFormat.Jpeg, ImageFormat.Webp]) with { DropsExtraReferencesSilently = true },
        Flux("fal-ai/flux-2/turbo", references: 4, [ImageFormat.Png, ImageFormat.Jpeg, ImageFormat.Webp]) with { DropsExtraReferencesSilently = true },
        Flux("fal-ai/flux-2/flash", references: 4, [ImageFormat.Png, ImageFormat.Jpeg, ImageFormat.Webp]) with { DropsExtraReferencesSilently = true },

        // Nano Banana 2 (Gemini 3.1 Flash Image on fal, §11.3): num_images 1–4, aspect_ratio + resolution 0.5K–4K;
        // fal sets no reference cap, Google documents 14.
        FromTable(Maps["fal-ai/nano-banana-2"], new ImageModelCapabilities
        {
            Model = "fal-ai/nano-banana-2",
            MaxReferenceImages = 14,
            Sizes = new ImageSizeRules { AspectRatios = NanoBananaRatios, ResolutionTiers = ["0.5K", "1K", "2K", "4K"] },
            OutputFormats = [ImageFormat.Jpeg, ImageFormat.Png, ImageFormat.Webp],
        }),
    ];

    /// <summary>
    /// A model's capabilities from its field table: what the table lacks is off (<see cref="ImageFields.Restrict(ImageModelCapabilities, Func{ImageField, bool})"/>),
    /// seed, guidance and raw fields are on where it has them, one image per call without <c>num_images</c> (at most 4 with it),
    /// no mask, no streaming, and specs as plain structured text (these models do not read the JSON block well).
    /// </summary>
    public static ImageModelCapabilities FromTable(FalModelMap map, ImageModelCapabilities capabilities) => ImageFields.Restrict(
        capabilities with
        {
            SupportsSeed = map.Takes(ImageFields.Seed),
            SupportsGuidanceScale = map.Takes(ImageFields.GuidanceScale),
            SupportsExtraFields = map.Takes(ImageFields.ExtraFields),
            MaxCount = map.Takes(ImageFields.Count) ? Math.Min(capabilities.MaxCount, 4) : 1,
            SupportsMask = false,
            SupportsStreaming = false,
            MaxPartialImages = 0,
            PromptFormat = Specs.PromptFormat.PlainText,
        },
        map.Takes);

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

    private static Dictionary<ImageField, string> Table(IEnumerable<(ImageField Field, string Wire)> fields) => fields.ToDictionary(f => f.Field, f => f.Wire);

    private static ImageModelCapabilities Flux(string model, int references, ImageFormat[] formats) => FromTable(Maps[model], new ImageModelCapabilities
    {
        Model = model,
        MaxReferenceImages = references,
        Sizes = FluxSizes,
        OutputFormats = formats,
    });
}
