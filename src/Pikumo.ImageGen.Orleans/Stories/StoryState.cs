namespace Pikumo.ImageGen.Orleans;

/// <summary>Where a story stands on the cluster.</summary>
public enum StoryState
{
    /// <summary>Never started.</summary>
    NotStarted,

    /// <summary>Running on a silo, or to be resumed by the story's reminder on another one.</summary>
    Running,

    /// <summary>Stopped by a storage failure (<see cref="Sequences.SequenceStoreException"/>); the reminder tries again until storage is back.</summary>
    Paused,

    /// <summary>Every frame is done.</summary>
    Completed,

    /// <summary>The run ended with frames not done (refused, failed, unknown outcome) or an error; <see cref="IStoryGrain.StartAsync"/> tries the rest again.</summary>
    Failed,
}
