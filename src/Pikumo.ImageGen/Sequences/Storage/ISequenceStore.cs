namespace Pikumo.ImageGen.Sequences;

/// <summary>
/// Where stories keep their journal (<see cref="SequenceManifest"/>) and files: a local folder by default
/// (<see cref="FolderSequenceStore"/>), blob storage for a cluster (<c>Pikumo.ImageGen.Storage.Blobs</c>). The runner
/// opens one story at a time through it (<see cref="SequenceRunOptions.Store"/>).
/// </summary>
public interface ISequenceStore
{
    /// <summary>
    /// Opens a story for one run, exclusively: while the returned handle is open, no other run may write the story's
    /// journal (a folder holds a lock file; blob storage refuses a journal write whose ETag is not the one last seen).
    /// </summary>
    /// <param name="story">The story: for a folder, its path (<see cref="SequenceRunOptions.OutputDirectory"/>); for blob storage, its name in the container.</param>
    /// <param name="cancellationToken">Cancels the opening.</param>
    /// <returns>The open story; dispose it when the run ends.</returns>
    /// <exception cref="InvalidOperationException">Another run holds the story.</exception>
    /// <exception cref="SequenceStoreException">The store could not be reached.</exception>
    Task<ISequenceStoryStore> OpenAsync(string story, CancellationToken cancellationToken = default);
}
