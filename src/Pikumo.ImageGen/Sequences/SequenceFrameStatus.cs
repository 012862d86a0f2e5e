namespace Pikumo.ImageGen.Sequences;

/// <summary>What happened to a frame.</summary>
public enum SequenceFrameStatus
{
    /// <summary>Made (in this run, or reused from the manifest of an earlier one).</summary>
    Done,

    /// <summary>Every attempt failed; the rest of the sequence went on, and a rerun from the manifest retries it.</summary>
    Failed,

    /// <summary>
    /// A call was made (in this run or an earlier one) whose outcome is unknown: it may have run and been billed. It is
    /// not made again in this run; the next run applies <see cref="SequenceRequest.UnknownOutcomes"/> (a fal job is fetched by its id).
    /// </summary>
    OutcomeUnknown,

    /// <summary>Not started: its estimated cost would have passed what was left of <see cref="SequenceRequest.BudgetUsd"/>.</summary>
    LeftForBudget,

    /// <summary>
    /// Made, but the judge rejected every image it paid for (the first call and every re-roll its budget allowed): the
    /// best of them is the frame's file, for a person to look at. It is not chained into the next chunk; a rerun with a
    /// larger <see cref="Judging.FrameJudging.MaxRerolls"/> rolls it again.
    /// </summary>
    Rejected,
}
