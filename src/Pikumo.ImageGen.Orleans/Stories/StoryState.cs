namespace Pikumo.ImageGen.Orleans;

/// <summary>Where a story stands on the cluster.</summary>
public enum StoryState
{
    /// <summary>Never started.</summary>
    NotStarted,

    /// <summary>Running on a silo, or to be resumed by the story's reminder on another one.</summary>
    Running,

    /// <summary>
    /// Stopped by a storage failure (<see cref="Sequences.SequenceStoreException"/>), or by frames not done that the
    /// reminder tries again (<c>ErrorType</c> <c>FramesNotDone</c>, see <see cref="PikumoStoryOptions.RetriesOfFailedRuns"/>);
    /// the reminder resumes it.
    /// </summary>
    Paused,

    /// <summary>Every frame is done.</summary>
    Completed,

    /// <summary>
    /// The run ended with frames not done after <see cref="PikumoStoryOptions.RetriesOfFailedRuns"/> tries, or with an
    /// error; <see cref="IStoryGrain.StartAsync"/> tries the rest again.
    /// </summary>
    Failed,
}
