namespace Pikumo.ImageGen.Sequences;

/// <summary>What a <see cref="SequenceProgress"/> report is about. Every report also carries the run's counts, cost and time left.</summary>
public enum SequenceProgressKind
{
    /// <summary>The run is planned and about to start: <see cref="SequenceProgress.EstimatedRemaining"/> is the plan's time for what is left to make.</summary>
    RunPlanned,

    /// <summary>A chunk started (<see cref="SequenceProgress.Chunk"/>).</summary>
    ChunkStarted,

    /// <summary>A paid call started: the request is being built and uploaded (<see cref="SequenceProgress.Call"/>).</summary>
    CallStarted,

    /// <summary>A call's request went out completely; the provider is working on it (fal: its job id is <see cref="SequenceProgress.RequestId"/>).</summary>
    CallSent,

    /// <summary>The provider said where a call stands (fal's queue: <c>IN_QUEUE</c> with its position, <c>IN_PROGRESS</c>) in <see cref="SequenceProgress.Status"/>.</summary>
    CallStatus,

    /// <summary>
    /// Calls are running and nothing else happened for <see cref="SequenceRunOptions.ProgressInterval"/>: the longest-running
    /// call's <see cref="SequenceProgress.CallElapsed"/> against its <see cref="SequenceProgress.CallPlanned"/>, and the time left.
    /// </summary>
    Waiting,

    /// <summary>A call failed in a way that surely did not run and is tried again after <see cref="SequenceProgress.RetryDelay"/>.</summary>
    RetryWaiting,

    /// <summary>A frame was made by this run (<see cref="SequenceProgress.LastFrame"/>).</summary>
    FrameLanded,

    /// <summary>A frame was taken from the folder's manifest without a call (an earlier run paid for it).</summary>
    FrameReused,

    /// <summary>A frame has no image: it failed, its call's outcome is unknown, or the budget left it (<see cref="SequenceFrame.Status"/>).</summary>
    FrameFailed,

    /// <summary>
    /// The judge (<see cref="SequenceRequest.Judging"/>) answered about one image of a frame (a variant, a re-roll, a
    /// preview panel): <see cref="SequenceProgress.Judgement"/> and <see cref="SequenceProgress.JudgedBeat"/>. The frame's
    /// own report follows once every image of it is judged.
    /// </summary>
    FrameJudged,

    /// <summary>
    /// Every image of a frame was rejected and the frame is rolled again (a new paid call, within the re-roll budget):
    /// <see cref="SequenceProgress.Attempt"/> is the roll about to be made (2 for the first re-roll), <see cref="SequenceProgress.Judgement"/> the best rejected one.
    /// </summary>
    FrameRerolled,

    /// <summary>A chunk finished (<see cref="SequenceProgress.Chunk"/>); the estimate now uses every call measured so far.</summary>
    ChunkFinished,

    /// <summary>The run finished.</summary>
    RunFinished,

    /// <summary>
    /// A partial image of a final frame still being made arrived (<see cref="SequenceProgress.Partial"/>), with
    /// <see cref="SequenceRequest.PartialImages"/> on a provider that streams.
    /// </summary>
    PartialImage,
}
