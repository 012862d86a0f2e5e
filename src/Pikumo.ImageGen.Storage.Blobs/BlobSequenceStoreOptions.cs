namespace Pikumo.ImageGen.Storage.Blobs;

/// <summary>How a <see cref="BlobSequenceStore"/> uses its container.</summary>
public sealed record BlobSequenceStoreOptions
{
    /// <summary>Whether the container is created when a story is opened and it does not exist yet.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool CreateContainer { get; init; } = true;

    /// <summary>A prefix before every story's name in the container (for example <c>stories/</c>); none by default.</summary>
    public string? Prefix { get; init; }
}
