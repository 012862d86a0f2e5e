namespace Pikumo.ImageGen.Sequences.Judging;

/// <summary>What a judge said about a frame.</summary>
public enum FrameVerdict
{
    /// <summary>Keep it.</summary>
    Accepted,

    /// <summary>Do not keep it: the runner re-rolls the frame while its re-roll budget allows.</summary>
    Rejected,

    /// <summary>
    /// A score (<see cref="FrameJudgement.Score"/>, higher is better): kept unless it is below
    /// <see cref="FrameJudging.MinimumScore"/>; with several variants the best-scored one is kept.
    /// </summary>
    Scored,
}
