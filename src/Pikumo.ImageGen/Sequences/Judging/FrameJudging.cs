namespace Pikumo.ImageGen.Sequences.Judging;

/// <summary>
/// How a sequence judges its frames (<see cref="SequenceRequest.Judging"/>): the judge, how many images each final call
/// asks for (best-of-n), the lowest acceptable score, and the budget of re-rolls for rejected frames in calls and dollars.
/// </summary>
/// <remarks>
/// A re-roll is a new paid call for a frame whose every image was rejected. It is never the repeat of a call whose
/// outcome is unknown (<see cref="SequenceRequest.UnknownOutcomes"/> still decides those), it stays inside
/// <see cref="SequenceRequest.BudgetUsd"/>, and it is counted (<see cref="SequenceRunResult.Rerolls"/>, the progress
/// reports, every judgement in the manifest). The calls of a frame are counted across runs: a rerun into the same
/// folder does not start a fresh allowance for a frame that used it up.
/// </remarks>
public sealed record FrameJudging
{
    /// <summary>Creates judging settings.</summary>
    /// <param name="judge">The judge; combine several with <see cref="FrameJudges.All(IFrameJudge[])"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="judge"/> is null.</exception>
    public FrameJudging(IFrameJudge judge)
    {
        ArgumentNullException.ThrowIfNull(judge);
        Judge = judge;
    }

    /// <summary>The judge.</summary>
    public IFrameJudge Judge { get; }

    /// <summary>
    /// How many new calls a frame may take after its first when all its images were rejected (per frame, counted across
    /// runs into the same folder). 0 records judgements but never pays for a re-roll.
    /// </summary>
    /// <value>Default 2; 0 to 10.</value>
    public int MaxRerolls { get; init; } = 2;

    /// <summary>
    /// The most this run may spend on re-rolls, in USD (on top of first calls); unlimited when <see langword="null"/>
    /// (<see cref="SequenceRequest.BudgetUsd"/> still caps the whole run). A re-roll is not started when its estimate
    /// (the frame's first call's cost) would pass what is left of it.
    /// </summary>
    public decimal? RerollBudgetUsd { get; init; }

    /// <summary>A score below this counts as a rejection; <see langword="null"/> when every score is acceptable.</summary>
    public double? MinimumScore { get; init; }

    /// <summary>
    /// How many images each final-tier call asks for (<c>n</c>): every one is judged and the best-scored acceptable one
    /// is kept as the frame; the others stay in the folder and the manifest. The seed measured n = 4 at ~2.3 s more than
    /// n = 1, and each image is billed. The preview tier always asks for one composite.
    /// </summary>
    /// <value>Default 1; 1 to 10.</value>
    public int Variants { get; init; } = 1;
}
