using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pikumo.ImageGen.Diagnostics;
using Pikumo.ImageGen.Planning;

namespace Pikumo.ImageGen.Sequences;

/// <summary>
/// Renders a <see cref="SequenceRequest"/> chunk by chunk. Preview: one storyboard composite per chunk, sliced into
/// frames. Final: one call per frame, a chunk's frames in parallel, chunks in order because chunk k+1 carries the
/// last frame of chunk k as a continuity reference after the original photos. Frames are yielded as they land and
/// written atomically; the folder's manifest is a write-ahead journal of every paid call, so a run stopped at any
/// point (cancelled, crashed, killed) resumes without paying twice (see <see cref="UnknownOutcomePolicy"/>).
/// </summary>
public sealed partial class SequenceRunner
{
    private readonly ImageGenClient _client;
    private readonly ICompositeSlicer? _slicer;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly SequenceCalls _calls;

    /// <summary>Creates a runner.</summary>
    /// <param name="client">The image client.</param>
    /// <param name="slicer">Cuts preview composites into frames; from <c>Pikumo.ImageGen.Imaging</c>. Needed only for the preview tier.</param>
    /// <param name="logger">Logging.</param>
    /// <param name="timeProvider">The clock; the system's by default.</param>
    public SequenceRunner(ImageGenClient client, ICompositeSlicer? slicer = null, ILogger<SequenceRunner>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _slicer = slicer;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _calls = new SequenceCalls(client, _logger, _timeProvider);
    }

    /// <summary>Prices and times the request on this runner's client before it runs.</summary>
    /// <param name="request">The sequence.</param>
    /// <param name="beats">How many beats will be rendered; all when <see langword="null"/>.</param>
    /// <param name="latency">The latency model; the seed's figures by default.</param>
    /// <returns>The plan for both tiers.</returns>
    public SequencePlan Plan(SequenceRequest request, int? beats = null, LatencyModel? latency = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = request.Model?.Value ?? _client.GetCapabilities().Model;
        return new SequencePlanner(_client.Options.Prices, latency).Plan(request, _client.ProviderName, _client.Options.CatalogModel(model), beats);
    }

    /// <summary>Runs to the end and returns every frame with the plan and the actual figures.</summary>
    /// <param name="request">The sequence.</param>
    /// <param name="tier">Preview or final.</param>
    /// <param name="options">The run's folder and beats.</param>
    /// <param name="cancellationToken">Stops new calls; finished frames stay in the folder and the manifest.</param>
    /// <returns>The result.</returns>
    public async Task<SequenceRunResult> RunToEndAsync(SequenceRequest request, SequenceTier tier, SequenceRunOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var reporter = new StrongBox<SequenceReporter?>();
        var frames = new List<SequenceFrame>();
        await foreach (var frame in RunCoreAsync(request, tier, options, reporter, cancellationToken).ConfigureAwait(false))
        {
            frames.Add(frame);
        }

        return reporter.Value!.Result(frames, Plan(request, options.Beats?.Count));
    }

    /// <summary>Runs the sequence and yields each frame as it lands (frames reused from the manifest first within their chunk).</summary>
    /// <param name="request">The sequence.</param>
    /// <param name="tier">Preview or final.</param>
    /// <param name="options">The run's folder and beats.</param>
    /// <param name="cancellationToken">Stops new calls; finished frames stay in the folder and the manifest.</param>
    /// <returns>The frames.</returns>
    /// <exception cref="ArgumentException">The request does not fit the model (chunk size, references).</exception>
    /// <exception cref="InvalidOperationException">
    /// The preview tier without a composite slicer (add <c>Pikumo.ImageGen.Imaging</c>); another run is using the folder;
    /// or <see cref="UnknownOutcomePolicy.Stop"/> found frames whose earlier call's outcome is unknown (before any paid call).
    /// </exception>
    public IAsyncEnumerable<SequenceFrame> RunAsync(SequenceRequest request, SequenceTier tier, SequenceRunOptions options, CancellationToken cancellationToken = default) =>
        RunCoreAsync(request, tier, options, null, cancellationToken);

    private async IAsyncEnumerable<SequenceFrame> RunCoreAsync(SequenceRequest request, SequenceTier tier, SequenceRunOptions options, StrongBox<SequenceReporter?>? reporter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var run = await SequenceRun.StartAsync(_client, _slicer is not null, request, tier, options, cancellationToken).ConfigureAwait(false);
        await using var runScope = run.ConfigureAwait(false);
        run.BeginStory();
        var plan = Plan(request, run.Beats.Count);
        var tierPlan = tier == SequenceTier.Preview ? plan.Preview : plan.Final;
        run.Budget = new SequenceBudget(request.BudgetUsd, tierPlan.Calls > 0 ? tierPlan.CostUsd / tierPlan.Calls : 0m);
        run.Reporter = new SequenceReporter(run, _timeProvider, tierPlan);
        reporter?.Value = run.Reporter;
        using var activity = ImageGenTelemetry.Source.StartActivity($"sequence {tier.ToString().ToLowerInvariant()}");
        activity?.SetTag("pikumo.sequence.beats", run.Beats.Count);
        activity?.SetTag("pikumo.sequence.chunks", run.Chunks.Count);
        var resolutions = await RecoverAsync(run, cancellationToken).ConfigureAwait(false);
        run.Reporter.Planned(resolutions);
        run.References = await ReferencesAsync(run, resolutions, cancellationToken).ConfigureAwait(false);
        var continuity = run.Continuation; // a continued story's first chunk carries the frame it continues from
        for (var k = 0; k < run.Chunks.Count; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (first, count) = run.Chunks[k];
            var beats = run.Beats.Skip(first).Take(count).ToArray();
            var references = continuity is { } chained ? [.. run.References, chained] : run.References;
            Log.ChunkStarting(_logger, run.TierName, k + 1, run.Chunks.Count, beats[0] + 1, beats[^1] + 1, references.Count);
            run.Reporter.ChunkStarted(k);
            using var chunkActivity = ImageGenTelemetry.Source.StartActivity("sequence chunk");
            chunkActivity?.SetTag("pikumo.sequence.chunk", k);
            var landed = new List<SequenceFrame>(count);
            var chunk = k;
            var tasks = tier == SequenceTier.Final
                ? beats.Select(beat => FinalFrameAsync(run, resolutions, beat, chunk, references, cancellationToken)).ToList()
                : [PreviewChunkAsync(run, resolutions, beats, chunk, references, cancellationToken)];
            try
            {
                await foreach (var task in Task.WhenEach(tasks).ConfigureAwait(false))
                {
                    foreach (var frame in await task.ConfigureAwait(false))
                    {
                        landed.Add(frame);
                        run.Reporter.Report(frame);
                        yield return frame;
                    }
                }
            }
            finally
            {
                // Stopped early (cancelled, or the caller stopped reading): let the chunk's calls in flight settle, so
                // every paid frame is on disk and in the journal before the run returns.
                await ((Task)Task.WhenAll(tasks)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            run.Reporter.ChunkFinished(k);
            Log.ChunkFinished(_logger, run.TierName, k + 1, run.Chunks.Count, landed.Count(f => f.Status == SequenceFrameStatus.Done), landed.Count(f => f.Status != SequenceFrameStatus.Done), landed.Count(f => f.FromManifest));
            var last = landed.Where(f => f.Status == SequenceFrameStatus.Done).MaxBy(f => f.BeatIndex);
            if (last?.Image is { } image)
            {
                continuity = (ImageInput.FromBytes(image.Data, Path.GetFileName(last.FilePath)), $"frame {last.BeatIndex + 1} (last frame of chunk {k + 1})");
            }
        }

        run.Reporter.Finished();
    }

    /// <summary>
    /// Before any paid call: settles every unit of the run from the journal (reuse, adopt a complete temporary file,
    /// fetch a fal job by its id, or apply the unknown-outcome policy), then deletes the temporary files left over.
    /// </summary>
    private async Task<IReadOnlyDictionary<JournalKey, Resolution>> RecoverAsync(SequenceRun run, CancellationToken cancellationToken)
    {
        var units = new List<PaidUnit>();
        if (run.Request.References.Count == 0)
        {
            units.AddRange(Enumerable.Range(0, run.Request.ReferencePrompts.Count).Select(i => ReferenceUnit(run, i)));
        }

        for (var k = 0; k < run.Chunks.Count; k++)
        {
            var beats = run.Beats.Skip(run.Chunks[k].Start).Take(run.Chunks[k].Count).ToArray();
            var chunk = k;
            units.AddRange(run.Tier == SequenceTier.Final
                ? beats.Select(b => new PaidUnit(run.FrameKey(b, chunk), $"final/frame-{b + 1:000}", []))
                : [CompositeUnit(run, beats, chunk, [])]);
        }

        var resolved = await Task.WhenAll(units.Select(async u => (u.Key, Resolution: await _calls.ResolveAsync(run, u, cancellationToken).ConfigureAwait(false)))).ConfigureAwait(false);
        var stops = resolved.Where(r => r.Resolution.Kind == ResolutionKind.Stop).ToArray();
        if (stops.Length > 0)
        {
            throw new InvalidOperationException(
                $"UnknownOutcomes = Stop: {string.Join("; ", stops.Select(s => $"{s.Key.Tier} {(s.Key.Beat >= 0 ? $"beat {s.Key.Beat + 1}" : $"chunk {s.Key.Chunk + 1}")}: {s.Resolution.Outcome!.Error}"))}. No call was made; set UnknownOutcomes to Regenerate (may pay twice) or Skip to go on.");
        }

        var deleted = await run.Journal.DeleteTemporaryFilesAsync(cancellationToken).ConfigureAwait(false);
        if (deleted > 0)
        {
            SequenceLog.TemporaryFilesDeleted(_logger, run.Journal.Directory, deleted);
        }

        return resolved.ToDictionary(r => r.Key, r => r.Resolution);
    }
}
