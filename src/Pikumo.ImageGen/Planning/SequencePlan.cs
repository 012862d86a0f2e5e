using System.Globalization;
using System.Text;

namespace Pikumo.ImageGen.Planning;

/// <summary>A sequence priced and timed before it runs, per tier.</summary>
public sealed class SequencePlan
{
    /// <summary>The provider the plan is priced for.</summary>
    public required string Provider { get; init; }

    /// <summary>The model the plan is priced for.</summary>
    public required string Model { get; init; }

    /// <summary>Beats in the sequence (or the part of it being rendered).</summary>
    public int Beats { get; init; }

    /// <summary>The beats per chunk, in order.</summary>
    public IReadOnlyList<int> ChunkSizes { get; init; } = [];

    /// <summary>The preview tier: one composite per chunk, sliced into frames.</summary>
    public required TierPlan Preview { get; init; }

    /// <summary>The final tier: one call per frame.</summary>
    public required TierPlan Final { get; init; }

    /// <summary>A plain-text table of both tiers, for logs and console samples.</summary>
    /// <returns>The table.</returns>
    public string ToTable()
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{Beats} beats in {ChunkSizes.Count} chunk(s) [{string.Join(", ", ChunkSizes)}] on {Provider} {Model}\n")
            .Append("tier     calls  images   cost USD  wall clock  route\n");
        Row("preview", Preview);
        Row("final", Final);
        if (Preview.MaxRerollCostUsd > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"re-rolls of rejected panels may add up to ${Preview.MaxRerollCostUsd:0.000} to the preview tier\n");
        }

        if (Final.MaxRerollCostUsd > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"re-rolls of rejected frames may add up to ${Final.MaxRerollCostUsd:0.000} to the final tier\n");
        }

        return text.ToString();

        void Row(string name, TierPlan tier) =>
            text.Append(CultureInfo.InvariantCulture, $"{name,-8} {tier.Calls,5} {tier.Images,7} {(tier.PriceUnknown ? "no price" : tier.CostUsd.ToString("0.000", CultureInfo.InvariantCulture)),10} {tier.WallClock.TotalSeconds,9:0.0} s  {tier.Provider ?? Provider} {tier.Model ?? Model}\n");
    }
}
