namespace Pikumo.ImageGen.Orleans;

/// <summary>A story's status as its grain keeps it (in grain storage, so it outlives the silo).</summary>
[GenerateSerializer]
[Alias("pikumo.story.status")]
public sealed record StoryStatus
{
    /// <summary>The story's id (the grain's key).</summary>
    [Id(0)]
    public required string StoryId { get; init; }

    /// <summary>Where the story stands.</summary>
    [Id(1)]
    public StoryState State { get; init; }

    /// <summary>Frames done so far (of the latest run).</summary>
    [Id(2)]
    public int FramesDone { get; init; }

    /// <summary>Frames the story has.</summary>
    [Id(3)]
    public int FramesTotal { get; init; }

    /// <summary>How many runs the story took (1 when nothing interrupted it; each resume on another silo adds one).</summary>
    [Id(4)]
    public int Runs { get; init; }

    /// <summary>Calls made again although an earlier one may have been billed (see <see cref="Sequences.UnknownOutcomePolicy.Regenerate"/>).</summary>
    [Id(5)]
    public int PossiblyBilledTwice { get; init; }

    /// <summary>The silo of the latest run.</summary>
    [Id(6)]
    public string? Silo { get; init; }

    /// <summary>Why the story is paused or failed.</summary>
    [Id(7)]
    public string? Error { get; init; }

    /// <summary>The type of the error that paused or failed it (for example <c>SequenceStoreException</c>).</summary>
    [Id(8)]
    public string? ErrorType { get; init; }

    /// <summary>Runs in a row that ended with frames not done (reset when the story completes); see <see cref="PikumoStoryOptions.RetriesOfFailedRuns"/>.</summary>
    [Id(9)]
    public int FailedRuns { get; init; }
}
