namespace Pikumo.ImageGen.Transports.Gemini;

/// <summary>
/// The Gemini image models' entries in the capability and price tables. Sources are <c>shared/api/gemini.md</c>
/// (Google's python-genai SDK, Google's pages, dated third-party transcriptions); each limit names its section.
/// </summary>
internal static class GeminiModels
{
    /// <summary>The provider name in results, prices, logs and telemetry.</summary>
    public const string Provider = "gemini";

    /// <summary>The ten ratios every Gemini image model takes (SDK <c>AspectRatio</c>, §2).</summary>
    private static readonly string[] BaseRatios = ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"];

    /// <summary>3.1 Flash Image and 2.1 add the extreme ratios (§2).</summary>
    private static readonly string[] WideRatios = [.. BaseRatios, "1:4", "4:1", "1:8", "8:1"];

    /// <summary>The entries; model ids stay open strings (an unknown id gets the permissive fallback, narrowed by the transport).</summary>
    public static IEnumerable<ImageModelCapabilities> Capabilities =>
    [
        // Nano Banana 2: 14 references (§3), 512/1K/2K/4K (§2), 14 ratios.
        Entry("gemini-3.1-flash-image", 14, WideRatios, ["0.5K", "1K", "2K", "4K"]),

        // Nano Banana 2.1: 14 references, 1K/2K/4K (no 512), 14 ratios (§0, §2) [3rd G14].
        Entry("gemini-nano-banana-2.1", 14, WideRatios, ["1K", "2K", "4K"]),

        // Nano Banana 2 Lite: 1K only (§0, G7); references and ratios are not in the sources: 3.1 Flash's 14, the ten base ratios.
        Entry("gemini-3.1-flash-lite-image", 14, BaseRatios, ["1K"]),

        // Nano Banana Pro: 14 references (§3), 1K/2K/4K.
        Entry("gemini-3-pro-image", 14, BaseRatios, ["1K", "2K", "4K"]),

        // Nano Banana: 3 references, about 1024 px only (§2, §3) [3rd G23].
        Entry("gemini-2.5-flash-image", 3, BaseRatios, ["1K"]),
    ];

    /// <summary>
    /// The request fields the Gemini API takes (§2): the prompt (a text part), the count (as that many calls; <c>candidateCount</c>
    /// is 1) and the size (as <c>imageConfig.aspectRatio</c> + <c>imageSize</c>). Nothing else of <see cref="ImageFields"/> has a
    /// place in <c>generateContent</c>: quality, output format and compression, background, moderation, user, seed and raw
    /// fields are refused or left out by <see cref="ImageGenOptions.UnsupportedParameters"/> before the call.
    /// </summary>
    public static IReadOnlySet<ImageField> Fields { get; } = new HashSet<ImageField> { ImageFields.Model, ImageFields.Prompt, ImageFields.Count, ImageFields.Size };

    /// <summary>What every Gemini model takes (<see cref="Fields"/>): no mask, no streaming (the transport reads whole answers), specs as plain structured text.</summary>
    public static ImageModelCapabilities Narrow(ImageModelCapabilities capabilities) => ImageFields.Restrict(
        capabilities with
        {
            SupportsMask = false,
            SupportsStreaming = false,
            MaxPartialImages = 0,
            PromptFormat = Specs.PromptFormat.PlainText,
        },
        Fields.Contains);

    /// <summary>Token prices (§7): output $60/1M image tokens on 3.1 Flash Image, $30 on 2.1 and 2.5, $120 on 3 Pro.</summary>
    public static ImagePriceTable AddPrices(ImagePriceTable table) => table
        // 3.1 Flash Image: input $0.50/1M; 747/1,120/1,680/2,520 output tokens at 512/1K/2K/4K = $0.045/$0.067/$0.101/$0.151 (§4, §7);
        // each reference 1,120 input tokens (§3).
        .With(Provider, "gemini-3.1-flash-image", new ImageModelPrice
        {
            TextInputPerMillion = 0.5m,
            ImageInputPerMillion = 0.5m,
            ImageOutputPerMillion = 60m,
            Tokens = Tokens(747, 1_120, 1_680, 2_520),
        })
        // 2.1: input $1.50/1M, text and thinking out $7.50/1M, image out $30/1M = $0.0336/$0.0504/$0.1134 at 1K/2K/4K (the
        // pricing page's 3,780 tokens at 4K, not the guide's 2,520) [3rd G14].
        .With(Provider, "gemini-nano-banana-2.1", new ImageModelPrice
        {
            TextInputPerMillion = 1.5m,
            ImageInputPerMillion = 1.5m,
            ImageOutputPerMillion = 30m,
            TextOutputPerMillion = 7.5m,
            Tokens = Tokens(null, 1_120, 1_680, 3_780),
        })
        // 3.1 Flash Lite Image: $0.0336 per 1K image [3rd G14] = 1,120 tokens at $30/1M.
        .With(Provider, "gemini-3.1-flash-lite-image", new ImageModelPrice
        {
            ImageOutputPerMillion = 30m,
            Tokens = Tokens(null, 1_120, 1_120, 1_120),
        })
        // 3 Pro Image: $120/1M image out, 1K/2K $0.134, 4K $0.24 [3rd G11]; its input rate is not in the sources (not priced).
        .With(Provider, "gemini-3-pro-image", new ImageModelPrice
        {
            ImageOutputPerMillion = 120m,
            Tokens = Tokens(null, 1_120, 1_120, 2_000),
        })
        // 2.5 Flash Image: about $0.039 per image [3rd, unverified] = 1,290 tokens at $30/1M.
        .With(Provider, "gemini-2.5-flash-image", new ImageModelPrice
        {
            ImageOutputPerMillion = 30m,
            Tokens = Tokens(null, 1_290, 1_290, 1_290),
        });

    /// <summary>
    /// The thinking levels a model takes (§2: 3.1 Flash Image minimal/high, 2.1 minimal/medium/high [3rd G14]); an empty
    /// list for the models whose sources name none, and <see langword="null"/> for an id the table does not know (sent as set).
    /// </summary>
    public static IReadOnlyList<string>? ThinkingLevels(string model) => model switch
    {
        "gemini-3.1-flash-image" => ["minimal", "high"],
        "gemini-nano-banana-2.1" => ["minimal", "medium", "high"],
        "gemini-3-pro-image" or "gemini-2.5-flash-image" or "gemini-3.1-flash-lite-image" => [],
        _ => null,
    };

    /// <summary>The wire value of <c>imageConfig.imageSize</c> for a tier: <c>512</c> for 0.5K (§10 Q2), else the tier (uppercase K).</summary>
    public static string WireSize(string tier) => tier == "0.5K" ? "512" : tier;

    private static ImageModelCapabilities Entry(string model, int references, string[] ratios, string[] tiers) => Narrow(new ImageModelCapabilities
    {
        Model = model,
        MaxReferenceImages = references,

        // Inline payload up to 100 MB per request in base64 (§3); 50 MB per image keeps the library's usual limit.
        MaxReferenceImageBytes = 50L * 1024 * 1024,

        // Input MIME types png, jpeg, webp, heic, heif (§2); the library sniffs the first three.
        ReferenceFormats = [ImageFormat.Png, ImageFormat.Jpeg, ImageFormat.Webp],

        // 131,072 input tokens (§3): the library's 32,000-character prompt limit is far below it.
        MaxPromptLength = 32_000,

        // candidateCount is 1 (§2): n images are n calls, made by the transport; 10 as on OpenAI.
        MaxCount = 10,
        Sizes = new ImageSizeRules { AspectRatios = ratios, ResolutionTiers = tiers, AllowsAuto = true },
    });

    private static ImageTokenModel Tokens(long? half, long oneK, long twoK, long fourK)
    {
        var tiers = new Dictionary<string, long>(StringComparer.Ordinal) { ["1K"] = oneK, ["2K"] = twoK, ["4K"] = fourK };
        if (half is { } h)
        {
            tiers["0.5K"] = h;
        }

        return new ImageTokenModel
        {
            OutputTokensByTier = tiers,

            // 1,120 input tokens per image on 3.1 Flash (§3).
            ReferenceTokens = 1_120,
            HighFidelityReferenceTokens = 1_120,
            PartialImageTokens = 0,
        };
    }
}
