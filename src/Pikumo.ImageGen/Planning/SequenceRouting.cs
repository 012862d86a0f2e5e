using System.Globalization;
using System.Text;

namespace Pikumo.ImageGen.Planning;

/// <summary>The planner's answer to "which provider and model for each tier": the cheapest route that fits each tier, and every candidate with its cost or why it does not fit.</summary>
public sealed class SequenceRouting
{
    /// <summary>The route chosen for the preview tier.</summary>
    public required TierRoute Preview { get; init; }

    /// <summary>The route chosen for the final tier.</summary>
    public required TierRoute Final { get; init; }

    /// <summary>The plan with both tiers on their chosen routes.</summary>
    public required SequencePlan Plan { get; init; }

    /// <summary>Every candidate of both tiers, in the order given.</summary>
    public IReadOnlyList<RouteCandidate> Candidates { get; init; } = [];

    /// <summary>A plain-text table of the candidates, for logs and console samples.</summary>
    /// <returns>The table.</returns>
    public string ToTable()
    {
        var text = new StringBuilder("tier     route                                       cost USD  wall clock  \n");
        foreach (var c in Candidates)
        {
            var chosen = c.Route == (c.Tier == Sequences.SequenceTier.Preview ? Preview : Final) && c.Fits ? " <- chosen" : string.Empty;
            text.Append(CultureInfo.InvariantCulture, $"{c.Tier.ToString().ToLowerInvariant(),-8} {c.Route,-42}")
                .Append(c.Plan is { } plan
                    ? string.Create(CultureInfo.InvariantCulture, $" {plan.CostUsd,9:0.000} {plan.WallClock.TotalSeconds,9:0.0} s{chosen}")
                    : $"  does not fit: {c.Problem}")
                .Append('\n');
        }

        return text.ToString();
    }
}

/// <summary>One candidate route for one tier: its plan when it fits, otherwise why not.</summary>
/// <param name="Tier">The tier.</param>
/// <param name="Route">The route.</param>
/// <param name="Plan">The tier's plan on this route, or <see langword="null"/> when it does not fit.</param>
/// <param name="Problem">Why the route does not fit the tier (no price, too many references, a size it does not take…).</param>
public sealed record RouteCandidate(Sequences.SequenceTier Tier, TierRoute Route, TierPlan? Plan, string? Problem)
{
    /// <summary>Whether the route can serve the tier.</summary>
    public bool Fits => Plan is not null;
}
