using Pikumo.ImageGen.Sequences.Judging;

namespace Pikumo.ImageGen.Sequences;

/// <content>Judgements and re-rolls in the progress reports.</content>
internal sealed partial class SequenceReporter
{
    private int _rejected;
    private int _rerolls;
    private int _chunksDone;
    private int _images;

    /// <summary>A re-roll was paid for (its outcome is settled separately).</summary>
    public void Rerolled()
    {
        lock (_lock)
        {
            _rerolls++;
        }
    }

    /// <summary>Reports one judgement as it is made: the counts as they stand, the judgement, and no frame.</summary>
    public void Judged(int beat, FrameJudgement judgement)
    {
        SequenceProgress progress;
        lock (_lock)
        {
            progress = new SequenceProgress
            {
                Tier = run.Tier, FramesDone = _done, FramesFailed = _failed, FramesUnknown = _unknown, FramesLeftForBudget = _left,
                FramesRejected = _rejected, FramesTotal = run.Beats.Count, ChunksDone = _chunksDone, ChunksTotal = run.Chunks.Count, CostUsd = _cost,
                PossiblyBilledTwice = _billedTwice.Count, Rerolls = _rerolls, Elapsed = timeProvider.GetElapsedTime(_start), Judgement = judgement, JudgedBeat = beat,
            };
        }

        run.Options.Progress?.Report(progress);
    }
}
