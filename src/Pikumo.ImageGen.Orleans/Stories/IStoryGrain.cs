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

    /// <summary>
    /// Deletes everything the library stored for the story, in one call: the run in progress is stopped first (a call in
    /// flight is not sent again), then its reminder, its journal and frames in the story store (every blob under the
    /// story's prefix with <c>BlobSequenceStore</c>; the story's folder by default), and its status in grain storage.
    /// Starting the story again afterwards starts it from nothing.
    /// </summary>
    /// <param name="includeOtherFiles">Whether files the library did not write (an app's contact sheet beside the frames) go too.</param>
    /// <returns>What was deleted and whether anything is left.</returns>
    /// <exception cref="NotSupportedException">The registered story store cannot delete a story (it is no <c>IStoryDeleter</c>).</exception>
    Task<StoryErasure> DeleteAsync(bool includeOtherFiles = false);

    /// <summary>The story's status.</summary>
    /// <returns>The status.</returns>
    [AlwaysInterleave]
    Task<StoryStatus> GetStatusAsync();
}
