using Pikumo.ImageGen.Sequences;

namespace Pikumo.ImageGen.Planning;

/// <content>Routing per tier: which provider and model each tier should use, from the price table.</content>
public sealed partial class SequencePlanner
{
    /// <summary>The capability table candidates are checked against (references, sizes, coherence ceiling).</summary>
    /// <value>Default <see cref="ImageModelCatalog.Default"/>.</value>
    public ImageModelCatalog Models { get; init; } = ImageModelCatalog.Default;

    /// <summary>
    /// Picks each tier's route: among the candidates that fit the tier (a price in the table, enough reference slots for
    /// the photos and the chained frame, the tier's size, the chunk size within the coherence ceiling), the cheapest, then
    /// the fastest. The preview tier can so go to Nano Banana 2 or FLUX.2 while the final stays on gpt-image-2; apply the
    /// answer with <see cref="SequenceRequest.RoutedBy"/>.
    /// </summary>
    /// <param name="request">The sequence.</param>
    /// <param name="previewCandidates">Routes acceptable for the preview tier.</param>
    /// <param name="finalCandidates">Routes acceptable for the final tier.</param>
    /// <param name="beats">How many beats will be rendered; all when <see langword="null"/>.</param>
    /// <returns>The chosen routes, the plan on them, and every candidate's figures.</returns>
    /// <exception cref="ArgumentException">No candidate fits a tier (the message lists why each does not).</exception>
    public SequenceRouting Route(SequenceRequest request, IEnumerable<TierRoute> previewCandidates, IEnumerable<TierRoute> finalCandidates, int? beats = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(previewCandidates);
        ArgumentNullException.ThrowIfNull(finalCandidates);
        var preview = Judge(request, SequenceTier.Preview, [.. previewCandidates], beats);
        var final = Judge(request, SequenceTier.Final, [.. finalCandidates], beats);
        var previewChoice = Best(preview, nameof(previewCandidates));
        var finalChoice = Best(final, nameof(finalCandidates));
        return new SequenceRouting
        {
            Preview = previewChoice,
            Final = finalChoice,
            Plan = Plan(request, previewChoice, finalChoice, finalChoice.Provider, finalChoice.Model, beats),
            Candidates = [.. preview, .. final],
        };
    }

    private List<RouteCandidate> Judge(SequenceRequest request, SequenceTier tier, IReadOnlyList<TierRoute> candidates, int? beats)
    {
        var options = request.TierOptions(tier);
        var chunks = SequenceChunks.Split(beats ?? request.Beats.Count, request.ChunkSize).Count;
        var references = request.ReferenceCount + (chunks > 1 ? 1 : 0);
        var judged = new List<RouteCandidate>(candidates.Count);
        foreach (var route in candidates)
        {
            var capabilities = Models.Resolve(route.Model);
            var problem = _prices.Find(route.Provider, route.Model) is null ? $"no price for {route} in the price table"
                : !capabilities.SupportsEdits ? $"{route.Model} does not edit reference images"
                : references > capabilities.MaxReferenceImages ? $"{references} references (photos plus the chained frame) but {route.Model} takes {capabilities.MaxReferenceImages}"
                : capabilities.Sizes.Check(options.Size) is { } size ? $"size {options.Size}: {size}"
                : request.ChunkSize > capabilities.CoherenceCeiling ? $"chunks of {request.ChunkSize} beats exceed its coherence ceiling of {capabilities.CoherenceCeiling}"
                : null;
            if (problem is not null)
            {
                judged.Add(new RouteCandidate(tier, route, null, problem));
                continue;
            }

            var plan = Plan(request, route, route, route.Provider, route.Model, beats);
            judged.Add(new RouteCandidate(tier, route, tier == SequenceTier.Preview ? plan.Preview : plan.Final, null));
        }

        return judged;
    }

    private static TierRoute Best(List<RouteCandidate> judged, string parameter)
    {
        var fitting = judged.Where(c => c.Fits).OrderBy(c => c.Plan!.CostUsd).ThenBy(c => c.Plan!.WallClock).FirstOrDefault();
        return fitting?.Route ?? throw new ArgumentException(
            judged.Count == 0 ? "No candidate route was given." : $"No candidate route fits: {string.Join("; ", judged.Select(c => $"{c.Route}: {c.Problem}"))}.", parameter);
    }
}
