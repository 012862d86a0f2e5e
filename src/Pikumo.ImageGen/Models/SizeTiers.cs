using System.Globalization;

namespace Pikumo.ImageGen;

/// <summary>
/// Sizes for models that take an aspect ratio and a resolution tier instead of pixels (Gemini's <c>aspectRatio</c> and
/// <c>imageSize</c>, Nano Banana's <c>aspect_ratio</c> and <c>resolution</c> on fal): a requested <c>WIDTHxHEIGHT</c>
/// names its ratio (within 1 %) and its tier by its longest edge.
/// </summary>
internal static class SizeTiers
{
    /// <summary>The tiers, smallest first, with the longest edge each stands for.</summary>
    public static readonly IReadOnlyList<(string Tier, int LongestEdge)> Tiers = [("0.5K", 768), ("1K", 1536), ("2K", 2816), ("4K", int.MaxValue)];

    /// <summary>The tier a size asks for: the longest edge up to 768 px is 0.5K, up to 1536 1K, up to 2816 2K, above 4K; <c>auto</c> is 1K (the providers' default).</summary>
    public static string TierOf(ImageSize size)
    {
        if (size.IsAuto)
        {
            return "1K";
        }

        var edge = Math.Max(size.Width, size.Height);
        return Tiers.First(t => edge <= t.LongestEdge).Tier;
    }

    /// <summary>The ratio of <paramref name="ratios"/> (<c>W:H</c>) the size has within 1 %, or <see langword="null"/>.</summary>
    public static string? RatioOf(ImageSize size, IEnumerable<string> ratios)
    {
        if (size.IsAuto)
        {
            return null;
        }

        var actual = (double)size.Width / size.Height;
        foreach (var ratio in ratios)
        {
            var colon = ratio.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0
                && double.TryParse(ratio.AsSpan(0, colon), NumberStyles.Float, CultureInfo.InvariantCulture, out var w)
                && double.TryParse(ratio.AsSpan(colon + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out var h)
                && w > 0 && h > 0 && Math.Abs((actual / (w / h)) - 1) <= 0.01)
            {
                return ratio;
            }
        }

        return null;
    }
}
