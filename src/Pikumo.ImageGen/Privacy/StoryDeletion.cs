namespace Pikumo.ImageGen.Privacy;

/// <summary>What <see cref="IStoryDeleter.DeleteStoryAsync"/> did: the items it deleted and the ones it left.</summary>
public sealed class StoryDeletion
{
    /// <summary>The story, as it was given.</summary>
    public required string Story { get; init; }

    /// <summary>The deleted items, relative to the story (for a folder, paths with <c>/</c>), in the order they went.</summary>
    public IReadOnlyList<string> Deleted { get; init; } = [];

    /// <summary>Items still there: files the library did not write (when other files were not included) and items that could not be deleted.</summary>
    public IReadOnlyList<string> Kept { get; init; } = [];

    /// <summary>Whether nothing of the story is left (its folder or container prefix is gone).</summary>
    public bool Complete { get; init; }
}
