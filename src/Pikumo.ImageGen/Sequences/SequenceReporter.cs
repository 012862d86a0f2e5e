using Pikumo.ImageGen.Planning;

namespace Pikumo.ImageGen.Sequences;

/// <summary>
/// Counts a run's frames, calls and spend, reports what happens (the plan, chunks, calls, a heartbeat while calls run,
/// frames, the end) one report at a time, estimates the time left from the calls measured so far, and builds the result.
/// </summary>
internal sealed partial class SequenceReporter : IDisposable
{
    private readonly SequenceRun _run;
    private readonly TimeProvider _timeProvider;
    private readonly TierPlan _plan;
    private readonly Lock _lock = new();
    private readonly Lock _reportLock = new();
    private readonly long _start;
    private readonly HashSet<string> _billedTwice = [];
    private ITimer? _heartbeat;
    private int _done;
    private int _failed;
    private int _unknown;
    private int _left;
    private int _recovered;
    private int _calls;
    private int _chunksDone;
    private decimal _cost;

    public SequenceReporter(SequenceRun run, TimeProvider timeProvider, TierPlan plan)
    {
        _run = run;
        _timeProvider = timeProvider;
        _plan = plan;
        _start = timeProvider.GetTimestamp();
    }

    /// <summary>A paid unit's outcome (once per unit, before its frames are reported).</summary>
    public void Settled(PaidUnit unit, PaidOutcome outcome)
    {
        lock (_lock)
        {
            if (outcome.State == PaidState.Made && !outcome.FromManifest)
            {
                _calls++;
                _images += Math.Max(1, outcome.Variants.Count);
                _cost += outcome.Cost?.Usd ?? 0m;
            }

            if (outcome.Recovered)
            {
                _recovered++;
            }

            if (outcome.PossiblyBilledTwice)
            {
                _billedTwice.Add(unit.Key.ToString());
            }

            CallSettled(unit, outcome);
        }
    }

    /// <summary>A frame landed, was reused, or has no image.</summary>
    public void Report(SequenceFrame frame)
    {
        lock (_lock)
        {
            _ = frame.Status switch
            {
                SequenceFrameStatus.Done => _done++,
                SequenceFrameStatus.OutcomeUnknown => _unknown++,
                SequenceFrameStatus.LeftForBudget => _left++,
                SequenceFrameStatus.Rejected => _rejected++,
                _ => _failed++,
            };
        }

        // A rejected frame has an image (the best of those it paid for): it lands, with its status saying so.
        var kind = frame.Status is not (SequenceFrameStatus.Done or SequenceFrameStatus.Rejected) ? SequenceProgressKind.FrameFailed
            : frame.FromManifest ? SequenceProgressKind.FrameReused
            : SequenceProgressKind.FrameLanded;
        Emit(kind, p => p with { Chunk = frame.Chunk, LastFrame = frame, RequestId = frame.RequestId, CallElapsed = frame.FromManifest ? null : frame.Elapsed });
    }

    public void ChunkStarted(int chunk) => Emit(SequenceProgressKind.ChunkStarted, p => p with { Chunk = chunk });

    public void ChunkFinished(int chunk)
    {
        lock (_lock)
        {
            _chunksDone++;   // on the critical path a chunk may finish after the one it released
            FinishChunk(chunk);
        }

        Emit(SequenceProgressKind.ChunkFinished, p => p with { Chunk = chunk });
    }

    public void Finished()
    {
        StopHeartbeat();
        Emit(SequenceProgressKind.RunFinished, p => p);
    }

    /// <summary>A partial image of a frame still in flight: the counts as they stand, and the partial.</summary>
    public void Partial(int beat, int chunk, ImageStreamUpdate update) =>
        Emit(SequenceProgressKind.PartialImage, p => p with
        {
            Chunk = chunk, Call = $"beat {beat + 1}", CallElapsed = update.Elapsed,
            Partial = new SequencePartialImage { BeatIndex = beat, Chunk = chunk, PartialImageIndex = update.PartialImageIndex ?? 0, Image = update.Image, Elapsed = update.Elapsed },
        });

    public SequenceRunResult Result(IEnumerable<SequenceFrame> frames, SequencePlan plan)
    {
        lock (_lock)
        {
            return new SequenceRunResult
            {
                Frames = [.. frames.OrderBy(f => f.BeatIndex)],
                Plan = plan,
                Actual = new TierPlan { Calls = _calls, Images = _images, CostUsd = _cost, WallClock = _timeProvider.GetElapsedTime(_start) },
                PossiblyBilledTwice = _billedTwice.Count,
                Recovered = _recovered,
                Rerolls = _rerolls,
            };
        }
    }

    public void Dispose() => StopHeartbeat();

    /// <summary>Reports one event: the counts and the estimate at this moment, then what <paramref name="describe"/> adds.</summary>
    private void Emit(SequenceProgressKind kind, Func<SequenceProgress, SequenceProgress> describe)
    {
        if (_run.Options.Progress is not { } progress)
        {
            return;
        }

        lock (_reportLock)
        {
            SequenceProgress snapshot;
            lock (_lock)
            {
                var elapsed = _timeProvider.GetElapsedTime(_start);
                snapshot = describe(new SequenceProgress
                {
                    Kind = kind, Tier = _run.Tier, FramesDone = _done, FramesFailed = _failed, FramesUnknown = _unknown, FramesLeftForBudget = _left,
                    FramesTotal = _run.Beats.Count, ChunksDone = _chunksDone, ChunksTotal = _run.Chunks.Count, CostUsd = _cost,
                    PlannedCostUsd = _plan.CostUsd, PossiblyBilledTwice = _billedTwice.Count, FramesRejected = _rejected, Rerolls = _rerolls, Elapsed = elapsed,
                    EstimatedRemaining = Remaining(), CallsInFlight = _inFlight.Count, CallPlanned = _plan.CallLatency > TimeSpan.Zero ? _plan.CallLatency : null,
                });
            }

            progress.Report(snapshot);
        }
    }
}
