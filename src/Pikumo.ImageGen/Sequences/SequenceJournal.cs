using Pikumo.ImageGen.Internal;

namespace Pikumo.ImageGen.Sequences;

/// <summary>
/// The write-ahead journal of one run's story: the manifest, rewritten atomically through the story's store
/// (<see cref="ISequenceStoryStore"/>; a local folder by default) at every step of every paid call (in flight → job id →
/// answered → done), the files it names, and the recovery of what a killed run left behind (a complete image in a
/// temporary file, a final file not yet marked done). One run per story at a time: the store is opened exclusively.
/// </summary>
internal sealed class SequenceJournal : IAsyncDisposable
{
    internal const string InFlight = "in_flight";
    internal const string Answered = "answered";
    internal const string Done = "done";
    internal const string Failed = "failed";
    internal const string Unknown = "unknown";

    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly ISequenceStoryStore _store;

    private SequenceJournal(ISequenceStoryStore store, SequenceManifest manifest)
    {
        _store = store;
        Manifest = manifest;
    }

    /// <summary>Where the story is (for logs).</summary>
    public string Directory => _store.Location;

    public SequenceManifest Manifest { get; }

    public static async Task<SequenceJournal> OpenAsync(ISequenceStore store, string story, CancellationToken cancellationToken)
    {
        var opened = await store.OpenAsync(story, cancellationToken).ConfigureAwait(false);
        try
        {
            var bytes = await opened.ReadAsync(SequenceManifest.FileName, cancellationToken).ConfigureAwait(false);
            var manifest = bytes is null ? new SequenceManifest() : SequenceManifest.Parse(bytes, opened.PathOf(SequenceManifest.FileName));
            return new SequenceJournal(opened, manifest);
        }
        catch
        {
            await opened.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public string FullPath(string relative) => _store.PathOf(relative);

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
            await _store.WriteAsync(SequenceManifest.FileName, Manifest.ToUtf8Bytes(), CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The bytes of a file whose SHA-256 is the one recorded, or <see langword="null"/>.</summary>
    public async Task<byte[]?> ReadVerifiedAsync(string? relative, string? sha256, CancellationToken cancellationToken)
    {
        if (relative is null || sha256 is null)
        {
            return null;
        }

        var bytes = await _store.ReadAsync(relative, cancellationToken).ConfigureAwait(false);
        return bytes is not null && Sha256Hex.Of(bytes) == sha256 ? bytes : null;
    }

    /// <summary>
    /// An image a killed run received and recorded as answered but did not finish writing: a temporary file of the
    /// atomic write (<c>.{name}.{guid}.tmp</c>) that is a complete PNG, JPEG or WEBP (header and trailer) with the
    /// recorded SHA-256 is moved into place and returned.
    /// </summary>
    public Task<byte[]?> AdoptTemporaryAsync(string relative, string sha256, CancellationToken cancellationToken) =>
        _store.AdoptTemporaryAsync(relative, bytes => IsCompleteImage(bytes) && Sha256Hex.Of(bytes) == sha256, cancellationToken);

    /// <summary>Deletes the temporary files killed writes left (images and the manifest's own); called after recovery.</summary>
    public Task<int> DeleteTemporaryFilesAsync(CancellationToken cancellationToken) => _store.DeleteTemporaryAsync(cancellationToken);

    /// <summary>Writes a file the journal names, atomically, with the provider's bytes as they are.</summary>
    public Task SaveAsync(string relative, GeneratedImage image) => _store.WriteAsync(relative, image.Data, CancellationToken.None);

    /// <summary>Whether the bytes are a whole PNG, JPEG or WEBP: a readable header and the format's end.</summary>
    public static bool IsCompleteImage(ReadOnlySpan<byte> data) =>
        ImageHeader.TryRead(data[..Math.Min(data.Length, ImagePreparation.ProbeBytes)], out var header)
        && ImageHeader.LooksComplete(header.Format, data[..Math.Min(data.Length, 64)], data[Math.Max(0, data.Length - 64)..], data.Length);

    public async ValueTask DisposeAsync()
    {
        _lock.Dispose();
        await _store.DisposeAsync().ConfigureAwait(false);
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
