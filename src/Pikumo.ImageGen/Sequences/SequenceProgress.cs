namespace Pikumo.ImageGen.Sequences;

/// <summary>Where a run stands, reported after every frame.</summary>
public sealed partial record SequenceProgress
{
    /// <summary>The tier.</summary>
    public required SequenceTier Tier { get; init; }

    /// <summary>Frames done (made or reused).</summary>
    public int FramesDone { get; init; }

    /// <summary>Frames that failed.</summary>
    public int FramesFailed { get; init; }

    /// <summary>Frames whose call's outcome is unknown (see <see cref="SequenceFrameStatus.OutcomeUnknown"/>).</summary>
    public int FramesUnknown { get; init; }

    /// <summary>Frames not started because of the budget.</summary>
    public int FramesLeftForBudget { get; init; }

    /// <summary>Calls made again so far although an earlier call may have been billed (<see cref="UnknownOutcomePolicy.Regenerate"/>).</summary>
    public int PossiblyBilledTwice { get; init; }

    /// <summary>Frames in the run.</summary>
    public int FramesTotal { get; init; }

    /// <summary>Chunks finished.</summary>
    public int ChunksDone { get; init; }

    /// <summary>Chunks in the run.</summary>
    public int ChunksTotal { get; init; }

    /// <summary>What this run has spent so far (frames reused from a manifest cost nothing).</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Time since the run started.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>An estimate of the time left: the pace of the chunks so far (the plan's before the first one ends).</summary>
    public TimeSpan EstimatedRemaining { get; init; }

    /// <summary>The frame that just landed.</summary>
    public SequenceFrame? LastFrame { get; init; }
}
