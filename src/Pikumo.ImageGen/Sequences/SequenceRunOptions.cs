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

    /// <summary>Told after every frame.</summary>
    public IProgress<SequenceProgress>? Progress { get; init; }
}
