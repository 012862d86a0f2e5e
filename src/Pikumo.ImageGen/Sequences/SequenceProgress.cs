namespace Pikumo.ImageGen.Sequences;

/// <summary>
/// Where a run stands: what just happened (<see cref="Kind"/>) and the counts, spend and time left at that moment.
/// Reported at the start, per chunk, per call (started, sent, provider status, retry), every
/// <see cref="SequenceRunOptions.ProgressInterval"/> while calls run, per judgement and re-roll of a judged run, per frame, and at the end; one report at a time.
/// </summary>
public sealed partial record SequenceProgress
{
    /// <summary>What this report is about.</summary>
    public SequenceProgressKind Kind { get; init; }

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

    /// <summary>The chunk this report is about (0-based), or <see langword="null"/> (run events, generated references).</summary>
    public int? Chunk { get; init; }

    /// <summary>What this run has spent so far (frames reused from a manifest cost nothing).</summary>
    public decimal CostUsd { get; init; }

    /// <summary>What the plan says the whole tier costs, to show <see cref="CostUsd"/> against.</summary>
    public decimal PlannedCostUsd { get; init; }

    /// <summary>Calls running now.</summary>
    public int CallsInFlight { get; init; }

    /// <summary>Time since the run started.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>
    /// The time left: the plan's time for the calls still to make, scaled by how the calls measured so far compared
    /// with the plan (and by a running call that is already slower than planned), less the time the running calls have
    /// had. Before any call has finished it is the plan's; after that it follows the measured pace.
    /// </summary>
    public TimeSpan EstimatedRemaining { get; init; }

    /// <summary>The call this report is about (<c>beat 7</c>, <c>chunk 2</c>, <c>reference 1</c>; for <see cref="SequenceProgressKind.Waiting"/>, the longest-running one).</summary>
    public string? Call { get; init; }

    /// <summary>How long <see cref="Call"/> has run.</summary>
    public TimeSpan? CallElapsed { get; init; }

    /// <summary>How long the plan expects one call of this tier to take.</summary>
    public TimeSpan? CallPlanned { get; init; }

    /// <summary>The provider's id for <see cref="Call"/>, when it gave one (fal's job id on <see cref="SequenceProgressKind.CallSent"/>).</summary>
    public string? RequestId { get; init; }

    /// <summary>The provider's status of <see cref="Call"/> (<c>IN_QUEUE</c>, <c>IN_PROGRESS</c>) on <see cref="SequenceProgressKind.CallStatus"/>.</summary>
    public string? Status { get; init; }

    /// <summary>fal's queue position on <see cref="SequenceProgressKind.CallStatus"/>, when it says.</summary>
    public int? QueuePosition { get; init; }

    /// <summary>How long a <see cref="SequenceProgressKind.RetryWaiting"/> call waits before it is sent again.</summary>
    public TimeSpan? RetryDelay { get; init; }

    /// <summary>Which attempt a <see cref="SequenceProgressKind.RetryWaiting"/> call makes next (2 for the first retry).</summary>
    public int? Attempt { get; init; }

    /// <summary>Why a call is tried again (<c>HTTP 429</c>) on <see cref="SequenceProgressKind.RetryWaiting"/>.</summary>
    public string? Reason { get; init; }

    /// <summary>The frame this report is about (frame events); <see langword="null"/> on a report of a partial image.</summary>
    public SequenceFrame? LastFrame { get; init; }

    /// <summary>
    /// A partial image of a final frame still being made (<see cref="SequenceRequest.PartialImages"/>) on
    /// <see cref="SequenceProgressKind.PartialImage"/>; such a report has no <see cref="LastFrame"/>.
    /// </summary>
    public SequencePartialImage? Partial { get; init; }
}
