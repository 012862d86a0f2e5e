namespace Pikumo.ImageGen.Privacy;

/// <summary>
/// What a derived image (a frame cut from a composite, a contact sheet, a thumbnail) says about itself: its IPTC
/// digital source type, the images it was made from, and the consent of the people it shows. The
/// <c>Pikumo.ImageGen.Imaging</c> package writes it as XMP in the format's standard place (PNG <c>iTXt</c>
/// <c>XML:com.adobe.xmp</c>, JPEG APP1). It is not a signed C2PA manifest; see <c>docs/privacy.md</c>.
/// </summary>
public sealed record ImageProvenance
{
    /// <summary>The IPTC digital source type URI.</summary>
    /// <value>Default <see cref="DigitalSourceTypes.TrainedAlgorithmicMedia"/>.</value>
    public string DigitalSourceType { get; init; } = DigitalSourceTypes.TrainedAlgorithmicMedia;

    /// <summary>The images it was made from, in order.</summary>
    public IReadOnlyList<ProvenanceSource> Sources { get; init; } = [];

    /// <summary>The consent records of the subjects it shows.</summary>
    public IReadOnlyList<ConsentRecord> Consents { get; init; } = [];

    /// <summary>A one-line description, for example <c>panel_3 of a 2x4 storyboard</c>.</summary>
    public string? Description { get; init; }
}
