using Pikumo.ImageGen.Sequences.Judging;

namespace Pikumo.ImageGen.Sequences;

/// <content>The frame's judgements.</content>
public sealed partial class SequenceFrame
{
    /// <summary>The judgement of the kept image (<see cref="SequenceRequest.Judging"/>); <see langword="null"/> when the run had no judge.</summary>
    public FrameJudgement? Judgement => Judgements.FirstOrDefault(j => j.Kept);

    /// <summary>Every judgement of the frame's images (each roll, each variant), oldest first; the kept one has <see cref="FrameJudgement.Kept"/>.</summary>
    public IReadOnlyList<FrameJudgement> Judgements { get; init; } = [];

    /// <summary>The paid calls this frame took in this run after its first, because the judge rejected its images.</summary>
    public int Rerolls { get; init; }

    /// <summary>Where the continued story's image came from, on the frames of its first chunk (<see cref="SequenceRequest.ContinueFrom"/>).</summary>
    public SequenceContinuationSource? ContinuedFrom { get; init; }
}
