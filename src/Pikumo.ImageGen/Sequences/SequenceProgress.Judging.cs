using Pikumo.ImageGen.Sequences.Judging;

namespace Pikumo.ImageGen.Sequences;

/// <content>Judgements and re-rolls.</content>
public sealed partial record SequenceProgress
{
    /// <summary>Frames whose every image the judge rejected (see <see cref="SequenceFrameStatus.Rejected"/>).</summary>
    public int FramesRejected { get; init; }

    /// <summary>Paid re-rolls so far: calls made again because the judge rejected a frame's images.</summary>
    public int Rerolls { get; init; }

    /// <summary>
    /// The judgement this report is about, when it is one: the runner reports each judgement as it is made (before the frame
    /// lands, with <see cref="LastFrame"/> <see langword="null"/>), and the frame's report follows.
    /// </summary>
    public FrameJudgement? Judgement { get; init; }

    /// <summary>The 0-based beat of <see cref="Judgement"/>.</summary>
    public int? JudgedBeat { get; init; }
}
