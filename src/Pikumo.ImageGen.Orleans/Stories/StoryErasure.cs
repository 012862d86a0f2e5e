namespace Pikumo.ImageGen.Orleans;

/// <summary>What <see cref="IStoryGrain.DeleteAsync"/> deleted.</summary>
[GenerateSerializer]
[Alias("pikumo.story.erasure")]
public sealed record StoryErasure
{
    /// <summary>The story's id.</summary>
    [Id(0)]
    public required string StoryId { get; init; }

    /// <summary>The files or blobs deleted from the story store, relative to the story.</summary>
    [Id(1)]
    public IReadOnlyList<string> Deleted { get; init; } = [];

    /// <summary>The files or blobs kept (not the library's, and other files were not included).</summary>
    [Id(2)]
    public IReadOnlyList<string> Kept { get; init; } = [];

    /// <summary>Whether nothing of the story is left in the store, its status is cleared and its reminder is gone.</summary>
    [Id(3)]
    public bool Complete { get; init; }
}
