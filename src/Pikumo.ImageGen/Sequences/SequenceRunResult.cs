using Pikumo.ImageGen.Planning;

namespace Pikumo.ImageGen.Sequences;

/// <summary>A finished run: its frames, what was planned and what it actually took.</summary>
public sealed partial class SequenceRunResult
{
    /// <summary>The frames in beat order (failed ones included).</summary>
    public required IReadOnlyList<SequenceFrame> Frames { get; init; }

    /// <summary>The plan for the run's beats.</summary>
    public required SequencePlan Plan { get; init; }

    /// <summary>What the run took: calls and images paid for in this run, their cost and the wall clock.</summary>
    public required TierPlan Actual { get; init; }

    /// <summary>Frames that failed (a rerun into the same folder retries them).</summary>
    public IReadOnlyList<SequenceFrame> Failed => Frames.Where(f => f.Status == SequenceFrameStatus.Failed).ToArray();

    /// <summary>Frames whose call may have run and been billed but gave no image (see <see cref="SequenceRequest.UnknownOutcomes"/>).</summary>
    public IReadOnlyList<SequenceFrame> OutcomeUnknown => Frames.Where(f => f.Status == SequenceFrameStatus.OutcomeUnknown).ToArray();

    /// <summary>The beats (0-based) not started because their estimated cost would have passed <see cref="SequenceRequest.BudgetUsd"/>.</summary>
    public IReadOnlyList<int> LeftForBudget => Frames.Where(f => f.Status == SequenceFrameStatus.LeftForBudget).Select(f => f.BeatIndex).ToArray();

    /// <summary>Calls this run made again although an earlier call for the same frame or composite may have been billed (<see cref="UnknownOutcomePolicy.Regenerate"/>).</summary>
    public int PossiblyBilledTwice { get; init; }

    /// <summary>Frames this run recovered without a new call: a fal job fetched by its recorded id, or an image a killed run had received but not finished writing.</summary>
    public int Recovered { get; init; }
}
