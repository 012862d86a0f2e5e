namespace Pikumo.ImageGen;

/// <summary>
/// A model's prices on one provider: token prices per million (used with reported usage) and per-image
/// estimates by quality (used when no usage is reported, and by the planner).
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

    /// <summary>
    /// Estimated USD per image of an edit with one reference at high input fidelity, by quality wire value
    /// (<c>low</c>, <c>medium</c>, <c>high</c>, <c>auto</c>). The seed measured $0.067 at low on gpt-image-2.
    /// </summary>
    public IReadOnlyDictionary<string, decimal> EditPerImage { get; init; } = new Dictionary<string, decimal>();

    /// <summary>Estimated USD per image of a text-only generation, by quality wire value.</summary>
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
