using Pikumo.ImageGen.Planning;

namespace Pikumo.ImageGen.Sequences;

/// <summary>A finished run: its frames, what was planned and what it actually took.</summary>
public sealed record SequenceRunResult
{
    /// <summary>The frames in beat order (failed ones included).</summary>
    public required IReadOnlyList<SequenceFrame> Frames { get; init; }

    /// <summary>The plan for the run's beats.</summary>
    public required SequencePlan Plan { get; init; }

    /// <summary>What the run took: calls and images paid for in this run, their cost and the wall clock.</summary>
    public required TierPlan Actual { get; init; }

    /// <summary>Frames that failed (a rerun into the same folder retries them).</summary>
    public IReadOnlyList<SequenceFrame> Failed => Frames.Where(f => f.Status == SequenceFrameStatus.Failed).ToArray();
}
