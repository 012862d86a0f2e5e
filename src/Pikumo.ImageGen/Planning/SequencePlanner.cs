using Pikumo.ImageGen.Sequences;

namespace Pikumo.ImageGen.Planning;

/// <summary>
/// Prices and times a sequence before it runs, per tier, from the price table's per-image estimates and a latency
/// model. Chunks run in series (each chains from the last frame of the one before), which bounds the wall clock
/// from below: chunks × one call's latency, however many frames run in parallel.
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
        var references = Math.Max(request.ReferenceCount, 0);
        var bootstrap = request.References.Count == 0 ? request.ReferencePrompts.Count : 0;

        // Preview: one composite per chunk; chunks after the first carry one more reference (the chained frame).
        var previewCost = 0m;
        var previewClock = TimeSpan.Zero;
        for (var i = 0; i < chunks.Count; i++)
        {
            previewCost += CallCost(price, request.Preview.Quality, references + (i > 0 ? 1 : 0));
            var (rows, columns) = SequenceGrid.For(chunks[i].Count, request.Preview.Size);
            previewClock += _latency.CompositeCall(rows * columns, request.Preview.Size);
        }

        // Final: one call per frame; a chunk takes as many call latencies as it needs waves of parallel frames.
        var finalCost = 0m;
        var finalClock = TimeSpan.Zero;
        var parallel = Math.Max(1, request.MaxParallelFrames);
        for (var i = 0; i < chunks.Count; i++)
        {
            finalCost += chunks[i].Count * CallCost(price, request.Final.Quality, references + (i > 0 ? 1 : 0));
            finalClock += _latency.SingleCall() * ((chunks[i].Count + parallel - 1) / parallel);
        }

        // Generated references are paid (and waited for) once, before either tier.
        var bootstrapCost = bootstrap * CallCost(price, request.Final.Quality, 0);
        var bootstrapClock = bootstrap > 0 ? _latency.SingleCall() : TimeSpan.Zero;
        return new SequencePlan
        {
            Provider = provider,
            Model = modelId,
            Beats = count,
            ChunkSizes = chunks.Select(c => c.Count).ToArray(),
            Preview = new TierPlan
            {
                Calls = chunks.Count + bootstrap,
                Images = chunks.Count + bootstrap,
                CostUsd = previewCost + bootstrapCost,
                WallClock = previewClock + bootstrapClock,
                CallLatency = _latency.CompositeCall(8, request.Preview.Size),
            },
            Final = new TierPlan
            {
                Calls = count + bootstrap,
                Images = count + bootstrap,
                CostUsd = finalCost + bootstrapCost,
                WallClock = finalClock + bootstrapClock,
                CallLatency = _latency.SingleCall(),
            },
        };
    }

    /// <summary>
    /// The estimated cost of one image from a call with <paramref name="references"/> reference images: the table's edit
    /// estimate covers one high-fidelity reference; each further reference adds about what the first one costs
    /// (edit estimate minus generation estimate); no reference is a generation.
    /// </summary>
    internal static decimal CallCost(ImageModelPrice? price, ImageQuality quality, int references)
    {
        if (price is null)
        {
            return 0m;
        }

        var generation = price.EstimatePerImage(quality, isEdit: false) ?? 0m;
        if (references == 0)
        {
            return generation;
        }

        var edit = price.EstimatePerImage(quality, isEdit: true) ?? generation;
        return edit + ((references - 1) * Math.Max(0m, edit - generation));
    }
}
