using Pikumo.ImageGen.Internal;

namespace Pikumo.ImageGen.Sequences;

/// <summary>
/// The write-ahead journal of one run's folder: the manifest, rewritten atomically at every step of every paid call
/// (in flight → job id → answered → done), the files it names, and the recovery of what a killed run left behind
/// (a complete image in a temporary file, a final file not yet marked done). One run per folder at a time: the
/// journal holds an exclusive lock file, which the operating system releases when the process dies.
/// </summary>
internal sealed class SequenceJournal : IDisposable
{
    internal const string InFlight = "in_flight";
    internal const string Answered = "answered";
    internal const string Done = "done";
    internal const string Failed = "failed";
    internal const string Unknown = "unknown";

    private const string LockFileName = ".sequence.lock";
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly FileStream _lockFile;

    private SequenceJournal(string directory, SequenceManifest manifest, FileStream lockFile)
    {
        Directory = directory;
        Manifest = manifest;
        _lockFile = lockFile;
    }

    public string Directory { get; }

    public SequenceManifest Manifest { get; }

    public static async Task<SequenceJournal> OpenAsync(string directory, CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(directory);
        FileStream lockFile;
        try
        {
            lockFile = new FileStream(Path.Combine(directory, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new InvalidOperationException($"Another sequence run is using '{directory}': one run per folder at a time, or the journal could pay twice.", ex);
        }

        try
        {
            var manifest = await SequenceManifest.LoadAsync(directory, cancellationToken).ConfigureAwait(false) ?? new SequenceManifest();
            return new SequenceJournal(directory, manifest, lockFile);
        }
        catch
        {
            await lockFile.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public string FullPath(string relative) => Path.Combine(Directory, relative);

    /// <summary>The latest entry for a unit that was made for the same text and settings, in any state.</summary>
    public async Task<SequenceManifestEntry?> FindAsync(JournalKey key, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return key.List(Manifest).LastOrDefault(e => key.Is(e) && e.Text == key.Text && e.Settings == key.Settings);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The subjects' consent records, added to every entry recorded; <see langword="null"/> when none were given.</summary>
    public List<Privacy.ConsentRecord>? Consents { get; set; }

    /// <summary>Every provider request id the journal holds: ids a lost submission must not be matched with.</summary>
    public async Task<HashSet<string>> RequestIdsAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A judged entry's earlier rolls count too: a lost re-roll must not be matched to the roll before it (same call, same fingerprint).
            return [.. Manifest.Frames.Concat(Manifest.Composites).Concat(Manifest.References).SelectMany(e => (e.Candidates ?? []).Select(c => c.RequestId).Prepend(e.RequestId)).OfType<string>()];
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Replaces the unit's entry and rewrites the manifest atomically; never cancelled half-way (it records what was paid).</summary>
    public Task RecordAsync(JournalKey key, SequenceManifestEntry entry) => UpdateAsync(key, _ => entry);

    /// <summary>Changes the unit's current entry if <paramref name="update"/> returns one (for example the job id of a call still in flight).</summary>
    public async Task UpdateAsync(JournalKey key, Func<SequenceManifestEntry?, SequenceManifestEntry?> update)
    {
        await _lock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            var entries = key.List(Manifest);
            var current = entries.LastOrDefault(key.Is);
            if (update(current) is not { } entry)
            {
                return;
            }

            entry = entry with { Consents = entry.Consents ?? Consents };
            entries.RemoveAll(key.Is);
            entries.Add(entry);
            entries.Sort((a, b) => a.Beat != b.Beat ? a.Beat.CompareTo(b.Beat) : a.Chunk != b.Chunk ? a.Chunk.CompareTo(b.Chunk) : string.CompareOrdinal(a.Tier, b.Tier));
            await Manifest.SaveAsync(Directory, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The bytes of a file whose SHA-256 is the one recorded, or <see langword="null"/>.</summary>
    public async Task<byte[]?> ReadVerifiedAsync(string? relative, string? sha256, CancellationToken cancellationToken)
    {
        if (relative is null || sha256 is null || !File.Exists(FullPath(relative)))
        {
            return null;
        }

        var bytes = await File.ReadAllBytesAsync(FullPath(relative), cancellationToken).ConfigureAwait(false);
        return Sha256Hex.Of(bytes) == sha256 ? bytes : null;
    }

    /// <summary>
    /// An image a killed run received and recorded as answered but did not finish writing: a temporary file of the
    /// atomic write (<c>.{name}.{guid}.tmp</c>) that is a complete PNG, JPEG or WEBP (header and trailer) with the
    /// recorded SHA-256 is moved into place and returned.
    /// </summary>
    public async Task<byte[]?> AdoptTemporaryAsync(string relative, string sha256, CancellationToken cancellationToken)
    {
        var target = FullPath(relative);
        var folder = Path.GetDirectoryName(target)!;
        if (!System.IO.Directory.Exists(folder))
        {
            return null;
        }

        foreach (var temp in System.IO.Directory.EnumerateFiles(folder, $".{Path.GetFileName(target)}.*.tmp"))
        {
            var bytes = await File.ReadAllBytesAsync(temp, cancellationToken).ConfigureAwait(false);
            if (IsCompleteImage(bytes) && Sha256Hex.Of(bytes) == sha256)
            {
                File.Move(temp, target, overwrite: true);
                return bytes;
            }
        }

        return null;
    }

    /// <summary>Deletes the temporary files killed writes left (images and the manifest's own); called after recovery.</summary>
    public int DeleteTemporaryFiles()
    {
        var deleted = 0;
        foreach (var temp in System.IO.Directory.EnumerateFiles(Directory, ".*.tmp", SearchOption.AllDirectories))
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

        return deleted;
    }

    public Task SaveAsync(string relative, GeneratedImage image) => image.SaveAsync(FullPath(relative), overwrite: true, CancellationToken.None);

    /// <summary>Whether the bytes are a whole PNG, JPEG or WEBP: a readable header and the format's end.</summary>
    public static bool IsCompleteImage(ReadOnlySpan<byte> data) =>
        ImageHeader.TryRead(data[..Math.Min(data.Length, ImagePreparation.ProbeBytes)], out var header)
        && ImageHeader.LooksComplete(header.Format, data[..Math.Min(data.Length, 64)], data[Math.Max(0, data.Length - 64)..], data.Length);

    public void Dispose()
    {
        _lock.Dispose();
        _lockFile.Dispose();
    }
}

/// <summary>Which entry of the manifest a paid unit (a frame, a composite, a generated reference) is, and what it is made for.</summary>
internal sealed record JournalKey(JournalList Kind, string Tier, int Beat, int Chunk, string Text, string Settings)
{
    public List<SequenceManifestEntry> List(SequenceManifest manifest) => Kind switch
    {
        JournalList.References => manifest.References,
        JournalList.Composites => manifest.Composites,
        _ => manifest.Frames,
    };

    /// <summary>The same unit (whatever it was made for): tier and beat, and the chunk for composites.</summary>
    public bool Is(SequenceManifestEntry entry) => entry.Tier == Tier && entry.Beat == Beat && (Beat >= 0 || entry.Chunk == Chunk);
}

/// <summary>The manifest's lists.</summary>
internal enum JournalList
{
    Frames,
    Composites,
    References,
}
