using Pikumo.ImageGen.Internal;

namespace Pikumo.ImageGen.Sequences;

/// <summary>
/// The default store: a story is a local folder (<see cref="SequenceRunOptions.OutputDirectory"/>). Files are written
/// atomically (a temporary file <c>.{name}.{guid}.tmp</c> flushed to disk, then renamed into place); one run per folder
/// at a time through an exclusive lock file (<c>.sequence.lock</c>) that the operating system releases when the process
/// dies; a complete temporary file a killed run left is adopted. <see cref="Privacy.FolderStoryDeleter"/> deletes it.
/// </summary>
public sealed class FolderSequenceStore : ISequenceStore
{
    /// <summary>The lock file's name inside a run's folder.</summary>
    internal const string LockFileName = ".sequence.lock";

    private FolderSequenceStore()
    {
    }

    /// <summary>The instance (the type has no state).</summary>
    public static FolderSequenceStore Instance { get; } = new();

    /// <inheritdoc />
    public Task<ISequenceStoryStore> OpenAsync(string story, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(story);
        var directory = Path.GetFullPath(story);
        Directory.CreateDirectory(directory);
        try
        {
            var lockFile = new FileStream(Path.Combine(directory, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return Task.FromResult<ISequenceStoryStore>(new Story(directory, lockFile));
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException($"Another sequence run is using '{story}': one run per folder at a time, or the journal could pay twice.", ex);
        }
    }

    private sealed class Story(string directory, FileStream lockFile) : ISequenceStoryStore
    {
        public string Location => directory;

        public string PathOf(string relative) => Path.Combine(directory, relative);

        public async Task<byte[]?> ReadAsync(string relative, CancellationToken cancellationToken = default)
        {
            var path = PathOf(relative);
            try
            {
                return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false) : null;
            }
            catch (FileNotFoundException)
            {
                return null;
            }
        }

        public Task WriteAsync(string relative, ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default) =>
            AtomicFile.WriteAsync(PathOf(relative), data, overwrite: true, cancellationToken);

        public async Task<byte[]?> AdoptTemporaryAsync(string relative, Func<byte[], bool> accept, CancellationToken cancellationToken = default)
        {
            var target = PathOf(relative);
            var folder = Path.GetDirectoryName(target)!;
            if (!Directory.Exists(folder))
            {
                return null;
            }

            foreach (var temp in Directory.EnumerateFiles(folder, $".{Path.GetFileName(target)}.*.tmp"))
            {
                var bytes = await File.ReadAllBytesAsync(temp, cancellationToken).ConfigureAwait(false);
                if (accept(bytes))
                {
                    File.Move(temp, target, overwrite: true);
                    return bytes;
                }
            }

            return null;
        }

        public Task<int> DeleteTemporaryAsync(CancellationToken cancellationToken = default)
        {
            var deleted = 0;
            foreach (var temp in Directory.EnumerateFiles(directory, ".*.tmp", SearchOption.AllDirectories))
            {
                try
                {
                    File.Delete(temp);
                    deleted++;
                }
                catch (IOException)
                {
                }
            }

            return Task.FromResult(deleted);
        }

        public ValueTask DisposeAsync() => lockFile.DisposeAsync();
    }
}
