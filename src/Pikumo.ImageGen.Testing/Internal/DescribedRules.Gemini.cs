namespace Pikumo.ImageGen.Testing.Internal;

/// <summary>
/// The Gemini API's image models as <c>shared/api/gemini.md</c> describes them (Google's python-genai SDK and pages, dated
/// third-party transcriptions, each cited there): the simulator judges Gemini requests by this, not by the client's table.
/// </summary>
internal static class GeminiDescription
{
    /// <summary>The ten ratios of the SDK's <c>AspectRatio</c> enum that every model takes (§2).</summary>
    public static readonly string[] BaseRatios = ["1:1", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16", "16:9", "21:9"];

    /// <summary>3.1 Flash Image and 2.1 also take 1:4, 4:1, 1:8, 8:1 (§2).</summary>
    public static readonly string[] WideRatios = [.. BaseRatios, "1:4", "4:1", "1:8", "8:1"];

    /// <summary>Ids that existed and were shut down (§0): a 404 that says "is no longer available".</summary>
    public static readonly HashSet<string> Retired = new(StringComparer.Ordinal)
    {
        "gemini-3.1-flash-image-preview", "gemini-3-pro-image-preview", "imagen-4.0-generate-001", "imagen-4.0-ultra-generate-001", "imagen-4.0-fast-generate-001",
    };

    /// <summary>Fields the SDK refuses to send to the Gemini API (Vertex only, §2).</summary>
    public static readonly string[] VertexOnlyImageConfig = ["personGeneration", "prominentPeople", "outputMimeType", "outputCompressionQuality", "imageOutputOptions"];

    /// <summary>The model's limits, or <see langword="null"/> for an id the description does not name.</summary>
    public static GeminiModelRules? For(string model) => model switch
    {
        "gemini-3.1-flash-image" => new(14, WideRatios, ["512", "1K", "2K", "4K"], new() { ["512"] = 747, ["1K"] = 1_120, ["2K"] = 1_680, ["4K"] = 2_520 }) { ThinkingLevels = ["minimal", "high"] },
        "gemini-nano-banana-2.1" => new(14, WideRatios, ["1K", "2K", "4K"], new() { ["1K"] = 1_120, ["2K"] = 1_680, ["4K"] = 3_780 }) { ThinkingLevels = ["minimal", "medium", "high"] },

        // Nano Banana 2 Lite: 1K only (§0, G7); its reference cap and ratios are not in the sources (3.1 Flash's family values).
        "gemini-3.1-flash-lite-image" => new(14, BaseRatios, ["1K"], new() { ["1K"] = 1_120 }),
        "gemini-3-pro-image" => new(14, BaseRatios, ["1K", "2K", "4K"], new() { ["1K"] = 1_120, ["2K"] = 1_120, ["4K"] = 2_000 }),
        "gemini-2.5-flash-image" => new(3, BaseRatios, ["1K"], new() { ["1K"] = 1_290 }),
        _ => null,
    };
}

/// <summary>One Gemini model's described limits: references (§3), ratios and sizes (§2), image output tokens per size (§4, §7).</summary>
internal sealed record GeminiModelRules(int MaxReferences, string[] Ratios, string[] Sizes, Dictionary<string, long> OutputTokens)
{
    /// <summary>Input tokens per reference image (3.1 Flash, §3).</summary>
    public const long ReferenceTokens = 1_120;

    /// <summary>The <c>thinkingConfig.thinkingLevel</c> values the model takes (§2: 3.1 Flash minimal/high, 2.1 also medium); none for the others.</summary>
    public string[] ThinkingLevels { get; init; } = [];
}
