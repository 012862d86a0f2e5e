namespace Pikumo.ImageGen;

/// <summary>
/// A model's prices on one provider: token prices per million, and the model's token counts
/// (<see cref="Tokens"/>), which turn a call's shape into the usage it will report. Reported usage is priced as
/// is; a call without reported usage (fal), and every planned call, is priced from the usage the token model
/// gives, so plans, estimates and bills agree. The per-image tables are only a fallback for entries without a
/// token model.
/// </summary>
public sealed record ImageModelPrice
{
    /// <summary>USD per 1M input text tokens.</summary>
    public decimal TextInputPerMillion { get; init; }

    /// <summary>USD per 1M input image tokens.</summary>
    public decimal ImageInputPerMillion { get; init; }

    /// <summary>USD per 1M output image tokens.</summary>
    public decimal ImageOutputPerMillion { get; init; }

    /// <summary>USD per 1M output text tokens.</summary>
    public decimal TextOutputPerMillion { get; init; }

    /// <summary>The model's token counts; when <see langword="null"/>, estimates fall back to <see cref="EditPerImage"/> and <see cref="GenerationPerImage"/>.</summary>
    public ImageTokenModel? Tokens { get; init; }

    /// <summary>
    /// USD per output image by resolution tier (<c>0.5K</c>, <c>1K</c>, <c>2K</c>, <c>4K</c>), for models billed per image
    /// (Nano Banana 2 on fal: $0.08 at 1K). Used when <see cref="Tokens"/> is <see langword="null"/>.
    /// </summary>
    public IReadOnlyDictionary<string, decimal> PerImageByTier { get; init; } = new Dictionary<string, decimal>();

    /// <summary>Per-megapixel prices (FLUX.2 on fal); used when <see cref="Tokens"/> is <see langword="null"/>.</summary>
    public MegapixelPrice? Megapixels { get; init; }

    /// <summary>
    /// Fallback (when <see cref="Tokens"/> is <see langword="null"/>): estimated USD per image of an edit with one reference at high input fidelity, by quality wire value
    /// (<c>low</c>, <c>medium</c>, <c>high</c>, <c>auto</c>). The seed measured $0.067 at low on gpt-image-2.
    /// </summary>
    public IReadOnlyDictionary<string, decimal> EditPerImage { get; init; } = new Dictionary<string, decimal>();

    /// <summary>Fallback (when <see cref="Tokens"/> is <see langword="null"/>): estimated USD per image of a text-only generation, by quality wire value.</summary>
    public IReadOnlyDictionary<string, decimal> GenerationPerImage { get; init; } = new Dictionary<string, decimal>();

    /// <summary>The cost of reported usage.</summary>
    /// <param name="usage">The usage.</param>
    /// <returns>USD.</returns>
    public decimal CostOf(ImageUsage usage)
    {
        ArgumentNullException.ThrowIfNull(usage);
        const decimal Million = 1_000_000m;
        return ((usage.InputTextTokens * TextInputPerMillion)
              + (usage.InputImageTokens * ImageInputPerMillion)
              + (usage.OutputImageTokens * ImageOutputPerMillion)
              + (usage.OutputTextTokens * TextOutputPerMillion)) / Million;
    }

    /// <summary>
    /// The estimated cost of a call: the usage <see cref="Tokens"/> gives for the shape, at this entry's token prices;
    /// without a token model, <see cref="Megapixels"/>, else <see cref="PerImageByTier"/>, else the per-image estimate
    /// times the image count (an edit when the call has references).
    /// </summary>
    /// <param name="shape">The call.</param>
    /// <returns>USD, or <see langword="null"/> when the entry can price neither way.</returns>
    public decimal? Estimate(ImageCallShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        if (Tokens is { } tokens)
        {
            return CostOf(tokens.Usage(shape));
        }

        if (Megapixels is { } megapixels)
        {
            return megapixels.Cost(shape);
        }

        if (PerImageByTier.Count > 0)
        {
            var tier = SizeTiers.TierOf(shape.Size);
            return (PerImageByTier.TryGetValue(tier, out var price) || PerImageByTier.TryGetValue("1K", out price) ? price : PerImageByTier.Values.Max()) * Math.Max(1, shape.Count);
        }

        return EstimatePerImage(shape.Quality, shape.References > 0) is { } each ? each * Math.Max(1, shape.Count) : null;
    }

    /// <summary>The per-image estimate for a quality, or <see langword="null"/> when the table has none.</summary>
    /// <param name="quality">The quality; <c>auto</c> falls back to <c>medium</c> when it has no entry of its own.</param>
    /// <param name="isEdit">Whether the call carries reference images.</param>
    /// <returns>USD per image.</returns>
    public decimal? EstimatePerImage(ImageQuality quality, bool isEdit)
    {
        var table = isEdit ? EditPerImage : GenerationPerImage;
        return table.TryGetValue(quality.Value, out var price) ? price
            : quality == ImageQuality.Auto && table.TryGetValue(ImageQuality.Medium.Value, out price) ? price
            : null;
    }
}
