namespace Pikumo.ImageGen.Privacy;

/// <summary>
/// Deletes everything the library stored for one story: frames, composites, generated references, the manifest or
/// journal, and temporary files left by interrupted writes. <see cref="FolderStoryDeleter"/> does it for a run's
/// local folder; a storage that keeps stories elsewhere (for example blob storage) implements the same call, so an
/// app's "delete my story" button does not depend on where the story lives.
/// </summary>
public interface IStoryDeleter
{
    /// <summary>Deletes a story. Stop (cancel and await) any run writing to it first.</summary>
    /// <param name="story">Where the story is: for <see cref="FolderStoryDeleter"/>, the run's folder (<see cref="Sequences.SequenceRunOptions.OutputDirectory"/>).</param>
    /// <param name="includeOtherFiles">
    /// Whether files the library did not write (for example a contact sheet the app saved beside the frames) go too.
    /// When <see langword="false"/> they are kept and listed in <see cref="StoryDeletion.Kept"/>.
    /// </param>
    /// <param name="cancellationToken">Stops between files; what was deleted stays deleted, and calling again finishes the job.</param>
    /// <returns>What was deleted and what is left.</returns>
    Task<StoryDeletion> DeleteStoryAsync(string story, bool includeOtherFiles = false, CancellationToken cancellationToken = default);
}
