using Pikumo.ImageGen.Planning;

namespace Pikumo.ImageGen.Sequences;

/// <summary>Counts a run's frames, calls and spend, reports progress after every frame, and builds the result.</summary>
internal sealed partial class SequenceReporter(SequenceRun run, TimeProvider timeProvider, TimeSpan planned)
{
    private readonly Lock _lock = new();
    private readonly long _start = timeProvider.GetTimestamp();
    private readonly HashSet<string> _billedTwice = [];
    private int _done;
    private int _failed;
    private int _unknown;
    private int _left;
    private int _recovered;
    private int _calls;
    private decimal _cost;

    /// <summary>A paid unit's outcome (once per call, before its frames are reported).</summary>
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
        }
    }

    public void Report(SequenceFrame frame, int chunksDone)
    {
        SequenceProgress progress;
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
            _chunksDone = chunksDone;
            var elapsed = timeProvider.GetElapsedTime(_start);
            var remaining = chunksDone > 0
                ? elapsed / chunksDone * (run.Chunks.Count - chunksDone)
                : planned > elapsed ? planned - elapsed : TimeSpan.Zero;
            progress = new SequenceProgress
            {
                Tier = run.Tier, FramesDone = _done, FramesFailed = _failed, FramesUnknown = _unknown, FramesLeftForBudget = _left,
                FramesTotal = run.Beats.Count, ChunksDone = chunksDone, ChunksTotal = run.Chunks.Count, CostUsd = _cost,
                PossiblyBilledTwice = _billedTwice.Count, Elapsed = elapsed, EstimatedRemaining = remaining, LastFrame = frame,
                FramesRejected = _rejected, Rerolls = _rerolls,
            };
        }

        run.Options.Progress?.Report(progress);
    }

    public SequenceRunResult Result(IEnumerable<SequenceFrame> frames, SequencePlan plan)
    {
        lock (_lock)
        {
            return new SequenceRunResult
            {
                Frames = [.. frames.OrderBy(f => f.BeatIndex)],
                Plan = plan,
                Actual = new TierPlan { Calls = _calls, Images = _images, CostUsd = _cost, WallClock = timeProvider.GetElapsedTime(_start) },
                PossiblyBilledTwice = _billedTwice.Count,
                Recovered = _recovered,
                Rerolls = _rerolls,
            };
        }
    }
}
