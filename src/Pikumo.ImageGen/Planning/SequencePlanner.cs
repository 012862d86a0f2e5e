using Pikumo.ImageGen.Sequences;

namespace Pikumo.ImageGen.Planning;

/// <summary>
/// Prices and times a sequence before it runs, per tier. Every call the run will make is shaped as the runner sends
/// it (prompt, references, quality, size) and priced with the price table's token model — the same model the client
/// uses when a provider reports no usage and the simulator uses to make up usage — and timed with the
/// <see cref="LatencyModel"/>. Chunks run in series (each chains from the last frame of the one before); a chunk's
/// frames run side by side up to <see cref="SequenceRequest.MaxParallelFrames"/>, and a wave of parallel calls takes
/// the expected slowest of them.
/// </summary>
public sealed class SequencePlanner
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

    /// <summary>Plans a request.</summary>
    /// <param name="request">The sequence.</param>
    /// <param name="provider">The provider to price for (<c>openai</c>, <c>azure.ai.openai</c>, <c>fal</c>).</param>
    /// <param name="model">The model to price for; the request's, else <c>gpt-image-2</c>.</param>
    /// <param name="beats">How many beats the run renders (for example only the approved ones); all when <see langword="null"/>.</param>
    /// <returns>The plan.</returns>
    public SequencePlan Plan(SequenceRequest request, string provider = "openai", string? model = null, int? beats = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        var modelId = model ?? request.Model?.Value ?? "gpt-image-2";
        var count = beats ?? request.Beats.Count;
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1, nameof(beats));
        var chunks = SequenceChunks.Split(count, request.ChunkSize);
        var price = _prices.Find(provider, modelId);
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
            previewCost += Cost(price, shape);
            previewClock += _latency.Estimate(shape, tokens) * _latency.ExpectedSlowestFactor(1);
        }

        // Final: one call per frame; a chunk takes a wave per MaxParallelFrames frames, each wave its slowest call.
        var finalCost = 0m;
        var finalClock = TimeSpan.Zero;
        var parallel = Math.Max(1, request.MaxParallelFrames);
        for (var i = 0; i < chunks.Count; i++)
        {
            var slowest = TimeSpan.Zero;
            for (var b = chunks[i].Start; b < chunks[i].Start + chunks[i].Count; b++)
            {
                var shape = PlannedCalls.Final(request, scenes[b], chained: i > 0 || request.ContinueFrom is not null);
                finalCost += Cost(price, shape);
                var latency = _latency.Estimate(shape, tokens);
                slowest = latency > slowest ? latency : slowest;
            }

            for (var left = chunks[i].Count; left > 0; left -= parallel)
            {
                finalClock += slowest * _latency.ExpectedSlowestFactor(Math.Min(left, parallel));
            }
        }

        return new SequencePlan
        {
            Provider = provider,
            Model = modelId,
            Beats = count,
            ChunkSizes = chunks.Select(c => c.Count).ToArray(),
            Preview = new TierPlan
            {
                Calls = chunks.Count + bootstrap.Length,
                Images = chunks.Count + bootstrap.Length,
                CostUsd = previewCost + bootstrapCost,
                WallClock = previewClock + bootstrapClock,
                CallLatency = _latency.Estimate(PlannedCalls.Preview(request, scenes.AsSpan(chunks[0].Start, chunks[0].Count).ToArray(), chained: false), tokens),
            },
            Final = new TierPlan
            {
                Calls = count + bootstrap.Length,
                Images = (count * (request.Judging?.Variants ?? 1)) + bootstrap.Length,
                CostUsd = finalCost + bootstrapCost,
                WallClock = finalClock + bootstrapClock,
                CallLatency = _latency.Estimate(PlannedCalls.Final(request, scenes[0], chained: false), tokens),
            },
        };
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
            WallClock = latency * _latency.ExpectedSlowestFactor(1),
            CallLatency = latency,
        };
    }

    private static decimal Cost(ImageModelPrice? price, ImageCallShape shape) =>
        price?.Estimate(shape) is { } usd ? decimal.Round(usd, 6) : 0m;
}
