using System.Collections.ObjectModel;

namespace Pikumo.ImageGen.Sequences;

/// <summary>
/// A read-only view of what a run's folder records in its manifest (<c>manifest.json</c>): every generated reference,
/// composite and frame with its state, file, request id, usage and cost. The runner writes the manifest ahead of every
/// paid call and rewrites it atomically at each step; this view reads it as it is on disk, for reports, dashboards and
/// audits. The file's format is the library's own and may gain fields; read it through this type.
/// </summary>
public sealed class SequenceRunManifest
{
    /// <summary>The manifest's file name inside the run's folder.</summary>
    public const string FileName = SequenceManifest.FileName;

    private SequenceRunManifest(SequenceManifest manifest)
    {
        Version = manifest.Version;
        References = View(manifest.References);
        Composites = View(manifest.Composites);
        Frames = View(manifest.Frames);
        RunId = manifest.RunId;
        Continues = manifest.Continues is { } continues ? new SequenceContinuationSource(continues) : null;
    }

    /// <summary>The format version the runner wrote.</summary>
    public int Version { get; }

    /// <summary>References generated for a story without photos, by index (<see cref="SequenceRunManifestEntry.Beat"/>).</summary>
    public IReadOnlyList<SequenceRunManifestEntry> References { get; }

    /// <summary>Preview composites, one per chunk.</summary>
    public IReadOnlyList<SequenceRunManifestEntry> Composites { get; }

    /// <summary>Frames of both tiers, by beat.</summary>
    public IReadOnlyList<SequenceRunManifestEntry> Frames { get; }

    /// <summary>
    /// The folder's run id, given when its manifest was first written; a story that continues this one records it
    /// (<see cref="SequenceContinuationSource.RunId"/>). <see langword="null"/> in manifests written before ids existed.
    /// </summary>
    public string? RunId { get; }

    /// <summary>
    /// The earlier run (or image) this story continues from (<see cref="SequenceRequest.ContinueFrom"/>), recorded before
    /// the first paid call; <see langword="null"/> for a story that starts afresh.
    /// </summary>
    public SequenceContinuationSource? Continues { get; }

    /// <summary>Reads the manifest of a run's folder.</summary>
    /// <param name="directory">The run's folder (the run's <see cref="SequenceRunOptions.OutputDirectory"/>).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The manifest, or <see langword="null"/> when the folder has none.</returns>
    /// <exception cref="ArgumentException"><paramref name="directory"/> is null or blank.</exception>
    /// <exception cref="InvalidDataException">The file is not a manifest.</exception>
    public static async Task<SequenceRunManifest?> LoadAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return await SequenceManifest.LoadAsync(directory, cancellationToken).ConfigureAwait(false) is { } manifest ? new SequenceRunManifest(manifest) : null;
    }

    /// <summary>
    /// Reads a manifest from its bytes, as a story store other than a folder returns them (for example the
    /// <c>manifest.json</c> blob of a story in blob storage).
    /// </summary>
    /// <param name="utf8Json">The manifest file's bytes.</param>
    /// <returns>The manifest.</returns>
    /// <exception cref="InvalidDataException">The bytes are not a manifest.</exception>
    public static SequenceRunManifest Parse(ReadOnlySpan<byte> utf8Json) => new(SequenceManifest.Parse(utf8Json, FileName));

    // A manifest written by an older or newer runner may leave a list out: read it as empty.
    private static ReadOnlyCollection<SequenceRunManifestEntry> View(List<SequenceManifestEntry>? entries) =>
        (entries ?? []).Where(e => e is not null).Select(e => new SequenceRunManifestEntry(e)).ToList().AsReadOnly();
}
