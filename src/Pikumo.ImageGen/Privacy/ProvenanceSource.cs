namespace Pikumo.ImageGen.Privacy;

/// <summary>An image a derived image was made from: its file and its SHA-256, and the call that made it.</summary>
public sealed record ProvenanceSource
{
    /// <summary>The source's SHA-256 as lower-case hex.</summary>
    public required string Sha256 { get; init; }

    /// <summary>The source's file, relative to the run's folder where there is one (for example <c>preview/composite-01.png</c>); <see langword="null"/> when it has none.</summary>
    public string? FileName { get; init; }

    /// <summary>The provider's request id of the call that made the source, if known.</summary>
    public string? RequestId { get; init; }

    /// <summary>The model (or deployment) that made the source, if known.</summary>
    public string? Model { get; init; }

    /// <summary>The part of the source the derived image shows, for example the panel <c>panel_3</c>.</summary>
    public string? Part { get; init; }

    /// <summary>Describes an image by its bytes.</summary>
    /// <param name="image">The source image's encoded bytes.</param>
    /// <param name="fileName">Its file name, if any.</param>
    /// <returns>The source with its SHA-256.</returns>
    public static ProvenanceSource Of(ReadOnlySpan<byte> image, string? fileName = null) =>
        new() { Sha256 = Internal.Sha256Hex.Of(image), FileName = fileName };
}
