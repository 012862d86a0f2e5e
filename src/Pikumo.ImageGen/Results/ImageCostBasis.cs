namespace Pikumo.ImageGen;

/// <summary>What an <see cref="ImageCost"/> rests on.</summary>
public enum ImageCostBasis
{
    /// <summary>The provider's reported token usage times the price table's token prices.</summary>
    Usage,

    /// <summary>The price table's per-image estimate (the provider reported no usage, or the call is only planned).</summary>
    Estimate,
}
