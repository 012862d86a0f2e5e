using System.Globalization;

namespace Pikumo.ImageGen;

/// <summary>
/// Which output sizes a model accepts: a list of fixed sizes, <c>auto</c>, and optionally free sizes within
/// rules (gpt-image-2: both edges multiples of 16, aspect ratio within 1:3…3:1, longest edge ≤ 3840,
/// 655,360–8,294,400 pixels; above 2560×1440 is experimental).
/// </summary>
public sealed record ImageSizeRules
{
    /// <summary>Sizes always accepted.</summary>
    public IReadOnlyList<ImageSize> FixedSizes { get; init; } = [];

    /// <summary>Whether <c>auto</c> is accepted.</summary>
    public bool AllowsAuto { get; init; } = true;

    /// <summary>Whether sizes outside <see cref="FixedSizes"/> are accepted when they meet the rules below.</summary>
    public bool AllowsFlexible { get; init; }

    /// <summary>Both edges must be multiples of this (flexible sizes).</summary>
    public int EdgeMultiple { get; init; } = 16;

    /// <summary>The largest long:short edge ratio (flexible sizes).</summary>
    public double MaxAspectRatio { get; init; } = 3.0;

    /// <summary>The longest edge in pixels (flexible sizes).</summary>
    public int MaxEdge { get; init; } = 3840;

    /// <summary>The fewest pixels (flexible sizes); from fal's and Azure's published schemas.</summary>
    public long MinPixels { get; init; } = 655_360;

    /// <summary>The most pixels (flexible sizes): 3840×2160.</summary>
    public long MaxPixels { get; init; } = 3840L * 2160;

    /// <summary>Sizes with more pixels than this are accepted but experimental (2560×1440).</summary>
    public long ExperimentalAbovePixels { get; init; } = 2560L * 1440;

    /// <summary>
    /// For models that take an aspect ratio and a resolution tier instead of pixels (Gemini, Nano Banana): the ratios
    /// (<c>W:H</c>, for example <c>16:9</c>) a size must have, within 1 %. Empty for models that take pixels.
    /// </summary>
    public IReadOnlyList<string> AspectRatios { get; init; } = [];

    /// <summary>
    /// With <see cref="AspectRatios"/>: the resolution tiers the model offers (<c>0.5K</c>, <c>1K</c>, <c>2K</c>, <c>4K</c>). A
    /// size's tier is set by its longest edge: up to 768 px 0.5K, up to 1536 px 1K, up to 2816 px 2K, above that 4K.
    /// The provider picks the exact pixels within the tier; read them from the image.
    /// </summary>
    public IReadOnlyList<string> ResolutionTiers { get; init; } = [];

    /// <summary>The three sizes every GPT image model takes, plus <c>auto</c>.</summary>
    public static ImageSizeRules StandardGptImage { get; } = new()
    {
        FixedSizes = [ImageSize.Square1024, ImageSize.Landscape1536x1024, ImageSize.Portrait1024x1536],
    };

    /// <summary>gpt-image-2: the standard sizes, <c>auto</c>, and flexible sizes within the rules.</summary>
    public static ImageSizeRules GptImage2 { get; } = StandardGptImage with { AllowsFlexible = true };

    /// <summary>dall-e-2: 256², 512² and 1024² only.</summary>
    public static ImageSizeRules DallE2 { get; } = new()
    {
        FixedSizes = [new ImageSize(256, 256), new ImageSize(512, 512), ImageSize.Square1024],
        AllowsAuto = false,
    };

    /// <summary>No rules: any size passes (used for models the catalog does not know).</summary>
    public static ImageSizeRules Any { get; } = new() { AllowsFlexible = true, EdgeMultiple = 1, MaxAspectRatio = double.MaxValue, MaxEdge = int.MaxValue, MinPixels = 1, MaxPixels = long.MaxValue, ExperimentalAbovePixels = long.MaxValue };

    /// <summary>Checks a size against the rules.</summary>
    /// <param name="size">The size.</param>
    /// <returns><see langword="null"/> when accepted, otherwise the rule it breaks.</returns>
    public string? Check(ImageSize size)
    {
        if (size.IsAuto)
        {
            return AllowsAuto ? null : "'auto' is not accepted";
        }

        if (FixedSizes.Contains(size))
        {
            return null;
        }

        if (AspectRatios.Count > 0)
        {
            return SizeTiers.RatioOf(size, AspectRatios) is null
                ? $"its aspect ratio must be one of {string.Join(", ", AspectRatios)} (the model takes a ratio and a resolution tier, not pixels)"
                : ResolutionTiers.Count > 0 && !ResolutionTiers.Contains(SizeTiers.TierOf(size))
                    ? $"its longest edge asks for the {SizeTiers.TierOf(size)} tier; the model offers {string.Join(", ", ResolutionTiers)}"
                    : null;
        }

        if (!AllowsFlexible)
        {
            return $"only {string.Join(", ", FixedSizes)}{(AllowsAuto ? " and auto" : string.Empty)} are accepted";
        }

        var longEdge = Math.Max(size.Width, size.Height);
        var shortEdge = Math.Min(size.Width, size.Height);
        return size.Width % EdgeMultiple != 0 || size.Height % EdgeMultiple != 0
                ? string.Create(CultureInfo.InvariantCulture, $"width and height must be multiples of {EdgeMultiple}")
            : (double)longEdge / shortEdge > MaxAspectRatio
                ? string.Create(CultureInfo.InvariantCulture, $"the aspect ratio must be within 1:{MaxAspectRatio} and {MaxAspectRatio}:1")
            : longEdge > MaxEdge
                ? string.Create(CultureInfo.InvariantCulture, $"the longest edge must be at most {MaxEdge} pixels")
            : size.PixelCount < MinPixels || size.PixelCount > MaxPixels
                ? string.Create(CultureInfo.InvariantCulture, $"the size must have {MinPixels:N0} to {MaxPixels:N0} pixels (it has {size.PixelCount:N0})")
            : null;
    }

    /// <summary>Whether the size is accepted but beyond the provider's stable range.</summary>
    /// <param name="size">The size.</param>
    /// <returns>True above <see cref="ExperimentalAbovePixels"/>.</returns>
    public bool IsExperimental(ImageSize size) => !size.IsAuto && size.PixelCount > ExperimentalAbovePixels;
}
