namespace Pikumo.ImageGen.Sequences;

/// <summary>Where and how one run of a sequence goes.</summary>
public sealed record SequenceRunOptions
{
    /// <summary>
    /// The run's folder: frames, composites, generated references and <c>manifest.json</c> go here. Running again into
    /// the same folder resumes: every frame the manifest records with an intact file is reused, not paid for again.
    /// With a <see cref="Store"/>, the story's name in that store (for blob storage, its prefix in the container).
    /// </summary>
    public required string OutputDirectory { get; init; }

    /// <summary>
    /// Where the story's journal and files are kept; a local folder (<see cref="FolderSequenceStore"/>, at
    /// <see cref="OutputDirectory"/>) when <see langword="null"/>. Blob storage for a cluster comes from <c>Pikumo.ImageGen.Storage.Blobs</c>.
    /// </summary>
    public ISequenceStore? Store { get; init; }

    /// <summary>The beats to render (0-based indexes, for example the ones approved after a preview); all when <see langword="null"/>.</summary>
    public IReadOnlyList<int>? Beats { get; init; }

    /// <summary>
    /// Told what happens, one report at a time: the plan, each chunk, each call (started, sent, the provider's status,
    /// a retry and its delay), a heartbeat while calls run, each frame, the end (see <see cref="SequenceProgressKind"/>).
    /// </summary>
    public IProgress<SequenceProgress>? Progress { get; init; }

    /// <summary>How often <see cref="Progress"/> hears <see cref="SequenceProgressKind.Waiting"/> while calls run and nothing else happens.</summary>
    /// <value>5 seconds by default; <see cref="Timeout.InfiniteTimeSpan"/> for none. Must be positive.</value>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Whether final frames are written to their files while each answer is read (save as you decode,
    /// <see cref="ImageDestination"/>), so the run holds no frame's bytes: each call decodes its base64 in slices
    /// into a temporary file beside the frame, the journal records the hash computed on the way, and the file is
    /// renamed into place, as always. The frames' <see cref="SequenceFrame.Image"/> then carry no bytes
    /// (<see cref="GeneratedImage.IsWrittenToDestination"/>): read <see cref="SequenceFrame.FilePath"/>. Frames made
    /// with <see cref="SequenceRequest.PartialImages"/> and the preview tier's composites are held as before.
    /// </summary>
    /// <value><see langword="false"/> by default (frames are held in memory too).</value>
    public bool WriteFramesAsDecoded { get; init; }
}
