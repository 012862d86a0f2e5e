using Pikumo.ImageGen.Sequences.Judging;

namespace Pikumo.ImageGen.Sequences;

/// <content>Judgements and re-rolls in the progress reports.</content>
internal sealed partial class SequenceReporter
{
    private int _rejected;
    private int _rerolls;
    private int _images;

    /// <summary>Reports one judgement as it is made (<see cref="SequenceProgressKind.FrameJudged"/>): the counts as they stand, the judgement, and no frame yet.</summary>
    public void Judged(int beat, int chunk, FrameJudgement judgement) =>
        Emit(SequenceProgressKind.FrameJudged, p => p with { Call = $"beat {beat + 1}", Chunk = chunk, Judgement = judgement, JudgedBeat = beat });

    /// <summary>
    /// Every image of a frame was rejected (or a panel of a preview composite: <paramref name="beat"/> names the first)
    /// and a re-roll is about to be paid for (<see cref="SequenceProgressKind.FrameRerolled"/>).
    /// </summary>
    public void Rerolling(PaidUnit unit, int roll, FrameJudgement rejected, int? beat = null) =>
        Emit(SequenceProgressKind.FrameRerolled, p => p with { Call = unit.Name, Chunk = unit.Key.Chunk, Judgement = rejected, JudgedBeat = beat ?? unit.Key.Beat, Attempt = roll, Reason = rejected.Reason });

    /// <summary>A re-roll was paid for (its outcome is settled separately).</summary>
    public void Rerolled()
    {
        lock (_lock)
        {
            _rerolls++;
        }
    }
}
