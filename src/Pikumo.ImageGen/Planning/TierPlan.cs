using System.Globalization;

namespace Pikumo.ImageGen.Planning;

/// <summary>What one tier of a sequence takes: calls, images, dollars and the wall clock.</summary>
public sealed record TierPlan
{
    /// <summary>The provider the tier is priced on (a tier may route to another provider than the other tier); <see langword="null"/> for a single call's plan.</summary>
    public string? Provider { get; init; }

    /// <summary>The model the tier is priced for.</summary>
    public string? Model { get; init; }

    /// <summary>Paid calls.</summary>
    public int Calls { get; init; }

    /// <summary>Images the provider makes (a composite counts once).</summary>
    public int Images { get; init; }

    /// <summary>Estimated cost in US dollars, from the price table (0 when <see cref="PriceUnknown"/>).</summary>
    public decimal CostUsd { get; init; }

    /// <summary>
    /// Whether the price table has no price for the tier's provider and model (a model it does not list, or a host's own
    /// provider): then <see cref="CostUsd"/> and <see cref="MaxRerollCostUsd"/> are 0 because nothing is known, not because
    /// the calls are free. Calls, images and the wall clock are planned all the same. Add the model to an
    /// <see cref="ImagePriceTable"/> to price it.
    /// </summary>
    public bool PriceUnknown { get; init; }

    /// <summary>
    /// The most that re-rolls of rejected frames may add to <see cref="CostUsd"/>, in US dollars: every frame (in the
    /// preview tier, every chunk's composite) rolled again <see cref="Sequences.Judging.FrameJudging.MaxRerolls"/> times at
    /// its first call's cost, capped by <see cref="Sequences.Judging.FrameJudging.RerollBudgetUsd"/> and by what
    /// <see cref="Sequences.SequenceRequest.BudgetUsd"/> leaves after the first calls; 0 without judging.
    /// </summary>
    public decimal MaxRerollCostUsd { get; init; }

    /// <summary>
    /// Estimated wall clock: chunks run one after another (each chains from the last frame of the one before), so this
    /// is at least the number of chunks × one call's latency, and more when a chunk's frames exceed the parallel limit.
    /// </summary>
    public TimeSpan WallClock { get; init; }

    /// <summary>The latency of one call of this tier.</summary>
    public TimeSpan CallLatency { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Calls} calls, {Images} images, {(PriceUnknown ? "no price known" : $"${CostUsd:0.000}")}{(MaxRerollCostUsd > 0 ? $" (+ up to ${MaxRerollCostUsd:0.000} re-rolls)" : string.Empty)}, {WallClock.TotalSeconds:0.0} s");
}
