namespace Pikumo.ImageGen;

/// <summary>
/// How many tokens a call uses on one model: text tokens for the prompt, input image tokens for each reference image
/// (by input fidelity) and output image tokens for each image (by quality and size). Input tokens are billed once per
/// call, output tokens once per image. One model serves the planner, the client's estimate when the provider reports
/// no usage (fal) and the simulator's made-up usage, so a plan, an estimate and a simulated bill agree.
/// Sources and calibration are in <c>docs/planning.md</c>.
/// </summary>
public sealed record ImageTokenModel
{
    /// <summary>
    /// gpt-image-2. Output per 1024×1024 image: low 200, medium 1,767, high 7,033 tokens (the launch-day per-image
    /// figures $0.006 / $0.053 / $0.211 quoted by ai-primer.com, divided by the $30/1M output price; fal's model page
    /// shows the same $0.01 / $0.06 / $0.22 rounded up to the cent, <c>shared/api/fal.md</c> §8). Each reference:
    /// 7,270 input image tokens, calibrated so that the seed's call (one reference at high fidelity, quality low,
    /// the production prompt of about 2,270 characters) costs the measured $0.067; gpt-image-2 is reported to read
    /// every reference at high fidelity whatever is sent (<c>shared/api/pitfalls.md</c> #6), so low counts the same.
    /// </summary>
    public static ImageTokenModel GptImage2 { get; } = new()
    {
        OutputTokens = Qualities(200, 1_767, 7_033),
        ReferenceTokens = 7_270,
        HighFidelityReferenceTokens = 7_270,
    };

    /// <summary>
    /// gpt-image-1.5: output per 1024×1024 image as gpt-image-1 (its per-image prices $0.009 / $0.034 / $0.133 at
    /// $32/1M give 281 / 1,063 / 4,156 tokens, <c>shared/api/openai.md</c> §9); references as gpt-image-1 (no figure
    /// of its own was published).
    /// </summary>
    public static ImageTokenModel GptImage15 { get; } = new()
    {
        OutputTokens = Qualities(272, 1_056, 4_160),
        ReferenceTokens = 135,
        HighFidelityReferenceTokens = 3_050,
    };

    /// <summary>
    /// gpt-image-1: output per 1024×1024 image low 272, medium 1,056, high 4,160 tokens (OpenAI's published table;
    /// 1024×1536 is 408 / 1,584 / 6,240, in proportion to pixels); a 1024×1024 reference ≈ 135 input image tokens at
    /// low fidelity and ≈ 3,050 at high (fal's gpt-image-1 edit page, <c>shared/api/fal.md</c> §8).
    /// </summary>
    public static ImageTokenModel GptImage1 { get; } = new()
    {
        OutputTokens = Qualities(272, 1_056, 4_160),
        ReferenceTokens = 135,
        HighFidelityReferenceTokens = 3_050,
    };

    /// <summary>
    /// gpt-image-1-mini: output per 1024×1024 image 625 / 1,375 / 4,500 tokens (its official model page's $0.005 /
    /// $0.011 / $0.036 at $8/1M); references at low fidelity only (it refuses <c>high</c>).
    /// </summary>
    public static ImageTokenModel GptImage1Mini { get; } = new()
    {
        OutputTokens = Qualities(625, 1_375, 4_500),
        ReferenceTokens = 135,
        HighFidelityReferenceTokens = 135,
    };

    /// <summary>
    /// Output image tokens of one image by resolution tier (<c>0.5K</c>, <c>1K</c>, <c>2K</c>, <c>4K</c>; the tier follows the
    /// longest edge, see <see cref="ImageSizeRules.ResolutionTiers"/>), for models billed by tier whatever the quality
    /// (Gemini image models). When set, it replaces <see cref="OutputTokens"/>.
    /// </summary>
    public IReadOnlyDictionary<string, long> OutputTokensByTier { get; init; } = new Dictionary<string, long>();

    /// <summary>Output image tokens of one 1024×1024 image, by quality wire value (<c>low</c>, <c>medium</c>, <c>high</c>); other sizes scale with pixels.</summary>
    public IReadOnlyDictionary<string, long> OutputTokens { get; init; } = new Dictionary<string, long>();

    /// <summary>Input image tokens of one reference image at low fidelity, or when <c>input_fidelity</c> is not sent.</summary>
    public long ReferenceTokens { get; init; }

    /// <summary>Input image tokens of one reference image at high input fidelity.</summary>
    public long HighFidelityReferenceTokens { get; init; }

    /// <summary>Output image tokens each streamed partial image adds (OpenAI: 100).</summary>
    /// <value>Default 100.</value>
    public long PartialImageTokens { get; init; } = 100;

    /// <summary>Prompt characters per text token (the usual rule of thumb for English and JSON).</summary>
    /// <value>Default 4.</value>
    public int CharactersPerTextToken { get; init; } = 4;

    /// <summary>The output image tokens of one image.</summary>
    /// <param name="quality">The quality; <c>auto</c> and unknown values count as <c>medium</c>.</param>
    /// <param name="size">The size; <see cref="ImageSize.Auto"/> counts as 1024×1024.</param>
    /// <returns>Tokens, in proportion to the pixels of <paramref name="size"/>.</returns>
    public long OutputTokensPerImage(ImageQuality quality, ImageSize size)
    {
        if (OutputTokensByTier.Count > 0)
        {
            return OutputTokensByTier.TryGetValue(SizeTiers.TierOf(size), out var byTier) ? byTier
                : OutputTokensByTier.TryGetValue("1K", out byTier) ? byTier
                : OutputTokensByTier.Values.Min();
        }

        var perSquare = OutputTokens.TryGetValue(quality.Value, out var tokens) ? tokens
            : OutputTokens.TryGetValue(ImageQuality.Medium.Value, out tokens) ? tokens
            : 0;
        var pixels = size.IsAuto ? 1024.0 * 1024 : size.PixelCount;
        return (long)Math.Round(perSquare * pixels / (1024.0 * 1024));
    }

    /// <summary>The input image tokens of one reference image.</summary>
    /// <param name="fidelity">The input fidelity sent, or <see langword="null"/>.</param>
    /// <returns>Tokens.</returns>
    public long ReferenceTokensAt(InputFidelity? fidelity) =>
        fidelity == ImageGen.InputFidelity.High ? HighFidelityReferenceTokens : ReferenceTokens;

    /// <summary>The usage a call of this shape reports: input once per call, output once per image.</summary>
    /// <param name="shape">The call.</param>
    /// <returns>The usage.</returns>
    public ImageUsage Usage(ImageCallShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var text = Math.Max(1, (shape.PromptCharacters + CharactersPerTextToken - 1) / Math.Max(1, CharactersPerTextToken));
        var image = Math.Max(0, shape.References) * ReferenceTokensAt(shape.InputFidelity);
        var perImage = OutputTokensPerImage(shape.Quality, shape.Size) + (Math.Max(0, shape.PartialImages) * PartialImageTokens);
        var output = perImage * Math.Max(1, shape.Count);
        return new ImageUsage
        {
            InputTextTokens = text,
            InputImageTokens = image,
            InputTokens = text + image,
            OutputImageTokens = output,
            OutputTokens = output,
            TotalTokens = text + image + output,
        };
    }

    private static Dictionary<string, long> Qualities(long low, long medium, long high) => new(StringComparer.Ordinal)
    {
        ["low"] = low,
        ["medium"] = medium,
        ["high"] = high,
    };
}
