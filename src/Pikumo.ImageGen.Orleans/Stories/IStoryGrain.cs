using Orleans.Concurrency;

namespace Pikumo.ImageGen.Orleans;

/// <summary>
/// One story on the cluster; its key is the story's id. Orleans keeps one activation per key, so a story runs in
/// exactly one place at a time; its status is in grain storage, its journal and frames in the story store, and a
/// reminder resumes it on another silo when its silo dies.
/// </summary>
public interface IStoryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the story, or resumes it, in the background, and returns at once. Calling it while the story runs (from
    /// any silo or client, at the same moment or not) changes nothing; after <see cref="StoryState.Completed"/> it returns the status.
    /// </summary>
    /// <returns>The status after the call.</returns>
    Task<StoryStatus> StartAsync();

    /// <summary>The story's status.</summary>
    /// <returns>The status.</returns>
    [AlwaysInterleave]
    Task<StoryStatus> GetStatusAsync();
}
