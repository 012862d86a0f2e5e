using Pikumo.ImageGen.Sequences;

namespace Pikumo.ImageGen.Planning;

/// <summary>
/// Prices and times a sequence before it runs, per tier. Every call the run will make is shaped as the runner sends
/// it (prompt, references, quality, size) and priced with the price table's token model — the same model the client
/// uses when a provider reports no usage and the simulator uses to make up usage — and timed with the
/// <see cref="LatencyModel"/>. Preview chunks run in series (each chains from the last frame of the one before). The
/// final tier follows the runner's critical path: each chunk's chained (last) frame, one after another, then the last
/// chunk, whose frames run side by side up to <see cref="SequenceRequest.MaxParallelFrames"/> (a wave of parallel calls
/// takes the expected slowest of them); never less than all the calls spread over that limit. When the client's limit
/// leaves no room for two chunks at once, every chunk is planned at its expected slowest call.
/// </summary>
public sealed partial class SequencePlanner
{
    private readonly ImagePriceTable _prices;
    private readonly LatencyModel _latency;

    /// <summary>Creates a planner.</summary>
    /// <param name="prices">The price table; <see cref="ImagePriceTable.Default"/> when <see langword="null"/>.</param>
    /// <param name="latency">The latency model; the seed's figures when <see langword="null"/>.</param>
    public SequencePlanner(ImagePriceTable? prices = null, LatencyModel? latency = null)
    {
        _prices = prices ?? ImagePriceTable.Default;
        _latency = latency ?? LatencyModel.Seed;
    }

    /// <summary>The client's limit on calls at once (<see cref="ImageGenOptions.MaxConcurrentCalls"/>); none when <see langword="null"/>.</summary>
    internal int? MaxConcurrentCalls { get; init; }

    /// <summary>Plans a request.</summary>
    /// <param name="request">The sequence.</param>
    /// <param name="provider">The provider to price for (<c>openai</c>, <c>azure.ai.openai</c>, <c>fal</c>).</param>
    /// <param name="model">The model to price for; the request's, else <c>gpt-image-2</c>.</param>
    /// <param name="beats">How many beats the run renders (for example only the approved ones); all when <see langword="null"/>.</param>
    /// <returns>The plan.</returns>
    /// <remarks>
    /// Each tier is priced and timed on its own route: <see cref="SequenceTierOptions.Provider"/> and
    /// <see cref="SequenceTierOptions.Model"/> when set, else <paramref name="provider"/> and <paramref name="model"/>.
    /// </remarks>
    public SequencePlan Plan(SequenceRequest request, string provider = "openai", string? model = null, int? beats = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        var modelId = model ?? request.Model?.Value ?? "gpt-image-2";
        TierRoute RouteOf(SequenceTierOptions tier) => new(tier.Provider ?? provider, tier.Model?.Value ?? modelId);
        return Plan(request, RouteOf(request.Preview), RouteOf(request.Final), provider, modelId, beats);
    }

    /// <summary>Plans a request with each tier on the given route.</summary>
    internal SequencePlan Plan(SequenceRequest request, TierRoute previewRoute, TierRoute finalRoute, string provider, string modelId, int? beats)
    {
        var count = beats ?? request.Beats.Count;
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, nameof(beats));
        var chunks = SequenceChunks.Split(count, request.ChunkSize);
        var previewPrice = _prices.Find(previewRoute.Provider, previewRoute.Model);
        var price = _prices.Find(finalRoute.Provider, finalRoute.Model);
        var tokens = price?.Tokens;
        // The prompts of the beats to render; a plan for more beats than the request has repeats its beats' texts.
        var scenes = Enumerable.Range(0, count).Select(i => request.Beats[i % request.Beats.Count]).ToArray();

        // Generated references are paid (and waited for, one after another) once, before either tier.
        var bootstrap = request.References.Count == 0 ? request.ReferencePrompts.Take(request.ReferenceCount).ToArray() : [];
        var bootstrapCost = 0m;
        var bootstrapClock = TimeSpan.Zero;
        foreach (var prompt in bootstrap)
        {
            var shape = PlannedCalls.Reference(request, prompt);
            bootstrapCost += Cost(price, shape);
            bootstrapClock += _latency.Estimate(shape, tokens) * _latency.ExpectedSlowestFactor(1);
        }

        // Preview: one composite per chunk; chunks after the first carry one more reference (the chained frame).
        var previewCost = 0m;
        var previewClock = TimeSpan.Zero;
        for (var i = 0; i < chunks.Count; i++)
        {
            var shape = PlannedCalls.Preview(request, scenes.AsSpan(chunks[i].Start, chunks[i].Count).ToArray(), chained: i > 0 || request.ContinueFrom is not null);
            previewCost += Cost(previewPrice, shape);
            previewClock += _latency.Estimate(shape, previewPrice?.Tokens) * _latency.ExpectedSlowestFactor(1);
        }

        // Final: one call per frame on the critical path. Chunk k+1 starts when chunk k's chained (last) frame lands, so
        // the run takes the chained calls one after another plus the last chunk, whose frames run in waves of
        // MaxParallelFrames, each wave its expected slowest call; and never less than all the calls spread over the limit.
        var finalCost = 0m;
        var finalClock = TimeSpan.Zero;
        var work = TimeSpan.Zero;
        var parallel = Math.Max(1, request.MaxParallelFrames);
        // Chunks overlap only when the client's limit has room for two chunks' frames; otherwise a chunk's frames wait
        // for the slots of the one before, and each chunk is planned at its expected slowest (an upper bound).
        var overlap = MaxConcurrentCalls is not { } limit || limit >= 2 * Math.Min(parallel, chunks.Max(c => c.Count));
        for (var i = 0; i < chunks.Count; i++)
        {
            var slowest = TimeSpan.Zero;
            var chained = TimeSpan.Zero;
            for (var b = chunks[i].Start; b < chunks[i].Start + chunks[i].Count; b++)
            {
                var shape = PlannedCalls.Final(request, scenes[b], chained: i > 0 || request.ContinueFrom is not null);
                finalCost += Cost(price, shape);
                var latency = _latency.Estimate(shape, tokens);
                slowest = latency > slowest ? latency : slowest;
                chained = latency;
                work += latency * _latency.ExpectedSlowestFactor(1);
            }

            if (i < chunks.Count - 1 && overlap)
            {
                finalClock += chained * _latency.ExpectedSlowestFactor(1);
                continue;
            }

            for (var left = chunks[i].Count; left > 0; left -= parallel)
            {
                finalClock += slowest * _latency.ExpectedSlowestFactor(Math.Min(left, parallel));
            }
        }

        finalClock = work / parallel > finalClock * 1.001 ? work / parallel : finalClock;

        // Re-rolls: each frame (a preview chunk's composite) may be called again MaxRerolls times at its first call's cost (the runner's estimate).
        var rerolls = MaxRerolls(request, finalCost, bootstrapCost);
        var previewRerolls = MaxRerolls(request, previewCost, bootstrapCost);

        return new SequencePlan
        {
            Provider = provider,
            Model = modelId,
            Beats = count,
            ChunkSizes = chunks.Select(c => c.Count).ToArray(),
            Preview = new TierPlan
            {
                Provider = previewRoute.Provider,
                Model = previewRoute.Model,
                Calls = chunks.Count + bootstrap.Length,
                Images = chunks.Count + bootstrap.Length,
                CostUsd = previewCost + bootstrapCost,
                PriceUnknown = previewPrice is null || (bootstrap.Length > 0 && price is null),
                MaxRerollCostUsd = previewRerolls,
                WallClock = previewClock + bootstrapClock,
                CallLatency = _latency.Estimate(PlannedCalls.Preview(request, scenes.AsSpan(chunks[0].Start, chunks[0].Count).ToArray(), chained: false), previewPrice?.Tokens),
            },
            Final = new TierPlan
            {
                Provider = finalRoute.Provider,
                Model = finalRoute.Model,
                Calls = count + bootstrap.Length,
                Images = (count * (request.Judging?.Variants ?? 1)) + bootstrap.Length,
                CostUsd = finalCost + bootstrapCost,
                PriceUnknown = price is null,
                MaxRerollCostUsd = rerolls,
                WallClock = finalClock + bootstrapClock,
                CallLatency = _latency.Estimate(PlannedCalls.Final(request, scenes[0], chained: false), tokens),
            },
        };
    }

    /// <summary>What re-rolls of a tier may add at most: every call rolled MaxRerolls more times, capped by the re-roll budget and by what the run's budget leaves.</summary>
    private static decimal MaxRerolls(SequenceRequest request, decimal firstCalls, decimal bootstrapCost)
    {
        var rerolls = request.Judging is { } judging ? firstCalls * judging.MaxRerolls : 0m;
        rerolls = request.Judging?.RerollBudgetUsd is { } rerollBudget && rerollBudget < rerolls ? rerollBudget : rerolls;
        return request.BudgetUsd is { } budget ? Math.Clamp(budget - firstCalls - bootstrapCost, 0m, rerolls) : rerolls;
    }

    /// <summary>Plans one call: what it will cost and how long it will take.</summary>
    /// <param name="request">The request, as it will be sent.</param>
    /// <param name="provider">The provider to price for.</param>
    /// <param name="model">The model to price for; the request's, else <c>gpt-image-2</c>.</param>
    /// <param name="defaultQuality">The quality the client sends when the request sets none; <c>auto</c> when <see langword="null"/>.</param>
    /// <returns>One call's plan: its images, estimated cost, and its expected time (the median, or the mean under variation).</returns>
    public TierPlan PlanCall(ImageRequest request, string provider = "openai", string? model = null, ImageQuality? defaultQuality = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        var price = _prices.Find(provider, model ?? request.Model?.Value ?? "gpt-image-2");
        var shape = ImageCallShape.Of(request, defaultQuality);
        var latency = _latency.Estimate(shape, price?.Tokens);
        return new TierPlan
        {
            Calls = 1,
            Images = Math.Max(1, shape.Count),
            CostUsd = Cost(price, shape),
            PriceUnknown = price is null,
            WallClock = latency * _latency.ExpectedSlowestFactor(1),
            CallLatency = latency,
        };
    }

    private static decimal Cost(ImageModelPrice? price, ImageCallShape shape) =>
        price?.Estimate(shape) is { } usd ? decimal.Round(usd, 6) : 0m;
}
