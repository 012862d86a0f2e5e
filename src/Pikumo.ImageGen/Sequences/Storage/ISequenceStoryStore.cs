namespace Pikumo.ImageGen.Sequences;

/// <summary>
/// One story opened for a run (<see cref="ISequenceStore.OpenAsync"/>): the journal and the files it names, by path
/// relative to the story (<c>manifest.json</c>, <c>final/frame-001.png</c>…, always with <c>/</c>). Every write is
/// atomic: a reader sees the old bytes or the new ones, never half of them (a folder writes a temporary file and
/// renames it; blob storage commits the upload in one step, conditional on the ETag it last saw). Bytes are stored as
/// given, never re-encoded, so provenance metadata in a provider's image survives.
/// </summary>
public interface ISequenceStoryStore : IAsyncDisposable
{
    /// <summary>Where the story is, for messages and logs (a folder's full path, a container URI and prefix).</summary>
    string Location { get; }

    /// <summary>Where a file of the story is, as <see cref="SequenceFrame.FilePath"/> reports it (a full path, a blob URI).</summary>
    /// <param name="relative">The file, relative to the story.</param>
    /// <returns>The file's location.</returns>
    string PathOf(string relative);

    /// <summary>Reads a file of the story.</summary>
    /// <param name="relative">The file, relative to the story.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The bytes, or <see langword="null"/> when there is no such file.</returns>
    /// <exception cref="SequenceStoreException">The store could not be reached.</exception>
    Task<byte[]?> ReadAsync(string relative, CancellationToken cancellationToken = default);

    /// <summary>Writes a file of the story atomically, replacing the one there.</summary>
    /// <param name="relative">The file, relative to the story.</param>
    /// <param name="data">The bytes, stored as given.</param>
    /// <param name="cancellationToken">Cancels the write (the old file, if any, stays whole).</param>
    /// <returns>A task that completes when the bytes are durably stored.</returns>
    /// <exception cref="SequenceJournalConflictException">Another run wrote the story's journal meanwhile (the story is no longer this run's).</exception>
    /// <exception cref="SequenceStoreException">The store could not be reached; nothing was replaced.</exception>
    Task WriteAsync(string relative, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>
    /// A complete copy of a file that a stopped write left behind but did not put in place (a folder's temporary file),
    /// put in place and returned; stores whose writes leave nothing half-done return <see langword="null"/>.
    /// </summary>
    /// <param name="relative">The file, relative to the story.</param>
    /// <param name="accept">Whether a candidate's bytes are the ones the journal recorded (a whole image with the recorded SHA-256).</param>
    /// <param name="cancellationToken">Cancels the search.</param>
    /// <returns>The adopted bytes, or <see langword="null"/>.</returns>
    Task<byte[]?> AdoptTemporaryAsync(string relative, Func<byte[], bool> accept, CancellationToken cancellationToken = default);

    /// <summary>Deletes what stopped writes left behind (temporary files); called after recovery, before any new call.</summary>
    /// <param name="cancellationToken">Cancels the clean-up.</param>
    /// <returns>How many items were deleted.</returns>
    Task<int> DeleteTemporaryAsync(CancellationToken cancellationToken = default);
}
