namespace Pikumo.ImageGen.Imaging;

/// <summary>How a contact sheet is laid out.</summary>
public sealed record ContactSheetOptions
{
    /// <summary>Thumbnails per row.</summary>
    /// <value>Default 4.</value>
    public int Columns { get; init; } = 4;

    /// <summary>The width of each thumbnail in pixels; heights keep each image's aspect ratio.</summary>
    /// <value>Default 256.</value>
    public int ThumbnailWidth { get; init; } = 256;

    /// <summary>Space between and around thumbnails, in pixels.</summary>
    /// <value>Default 12.</value>
    public int Padding { get; init; } = 12;

    /// <summary>Caption text size in pixels; 0 draws no captions.</summary>
    /// <value>Default 14.</value>
    public float CaptionSize { get; init; } = 14;

    /// <summary>
    /// What the sheet's XMP says about it. By default: IPTC <c>compositeWithTrainedAlgorithmicMedia</c> (generated
    /// frames laid out with the library's captions and background) with every image as a source (SHA-256, and for
    /// sequence frames their file).
    /// </summary>
    public Privacy.ImageProvenance? Provenance { get; init; }
}
