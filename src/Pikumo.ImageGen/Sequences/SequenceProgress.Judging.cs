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
    /// The judgement a <see cref="SequenceProgressKind.FrameJudged"/> report is about (each is reported as it is made, before
    /// the frame lands, with <see cref="LastFrame"/> <see langword="null"/>), or the best rejected one on
    /// <see cref="SequenceProgressKind.FrameRerolled"/>; <see langword="null"/> on other reports.
    /// </summary>
    public FrameJudgement? Judgement { get; init; }

    /// <summary>The 0-based beat of <see cref="Judgement"/>; <see langword="null"/> when the report carries none.</summary>
    public int? JudgedBeat { get; init; }
}
