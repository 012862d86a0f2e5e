using System.Globalization;

namespace Pikumo.ImageGen;

/// <summary>What a call cost in US dollars, and what the figure rests on.</summary>
/// <param name="Usd">The cost in US dollars.</param>
/// <param name="Basis">Whether it was computed from reported token usage or estimated per image.</param>
public readonly record struct ImageCost(decimal Usd, ImageCostBasis Basis)
{
    /// <summary>Nothing.</summary>
    public static ImageCost Zero { get; } = new(0m, ImageCostBasis.Usage);

    /// <summary>Adds two costs; the sum is an estimate if either part is.</summary>
    /// <param name="left">The first cost.</param>
    /// <param name="right">The second cost.</param>
    /// <returns>The sum.</returns>
    public static ImageCost operator +(ImageCost left, ImageCost right) =>
        new(left.Usd + right.Usd, left.Basis == ImageCostBasis.Estimate || right.Basis == ImageCostBasis.Estimate ? ImageCostBasis.Estimate : ImageCostBasis.Usage);

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"${Usd:0.0000}{(Basis == ImageCostBasis.Estimate ? " (estimate)" : string.Empty)}");
}
