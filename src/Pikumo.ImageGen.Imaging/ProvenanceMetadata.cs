using System.Text;
using Pikumo.ImageGen.Privacy;

namespace Pikumo.ImageGen.Imaging;

/// <summary>
/// Writes an <see cref="ImageProvenance"/> into an image as XMP, in the format's standard place: a PNG <c>iTXt</c>
/// chunk with the keyword <c>XML:com.adobe.xmp</c> (after <c>IHDR</c>), or a JPEG APP1 segment with the
/// <c>http://ns.adobe.com/xap/1.0/</c> header (after <c>JFIF</c>/<c>Exif</c>). Pixels and every other chunk or
/// segment are copied unchanged; an XMP packet already there is replaced. The library uses it for the frames it cuts
/// from composites and for contact sheets; use it for any image you derive from a generated one (a report thumbnail,
/// a resized copy).
/// </summary>
/// <remarks>
/// Fields: <c>Iptc4xmpExt:DigitalSourceType</c> (the IPTC term), <c>Iptc4xmpExt:AISystemUsed</c> (the model, when
/// known), <c>dc:description</c>, <c>dc:source</c> and <c>xmpMM:DerivedFrom</c> (one source: <c>stRef:filePath</c>
/// and <c>stRef:documentID</c> = <c>sha256:</c> + hex), <c>xmpMM:Ingredients</c> (every source), and in the
/// <see cref="Namespace"/> namespace <c>pikumo:Sources</c> (SHA-256, file, part, request id, model) and
/// <c>pikumo:Consents</c> (subject, grantedBy, grantedAt, scope, expiresAt, reference).
/// This is metadata anyone can edit, not a signed C2PA manifest; see <c>docs/privacy.md</c>.
/// </remarks>
public static class ProvenanceMetadata
{
    /// <summary>The XMP namespace of the library's own fields (prefix <c>pikumo</c>).</summary>
    public const string Namespace = "http://ns.pikumo.app/imagegen/1.0/";

    /// <summary>The keyword of the PNG <c>iTXt</c> chunk that holds XMP.</summary>
    public const string PngKeyword = "XML:com.adobe.xmp";

    /// <summary>The header of the JPEG APP1 segment that holds XMP (followed by a NUL byte).</summary>
    public const string JpegHeader = "http://ns.adobe.com/xap/1.0/";

    /// <summary>Renders the XMP packet that <see cref="Embed"/> writes.</summary>
    /// <param name="provenance">What the image is and where it comes from.</param>
    /// <returns>The packet (UTF-8 text with <c>xpacket</c> wrappers).</returns>
    public static string CreateXmp(ImageProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(provenance);
        ArgumentException.ThrowIfNullOrWhiteSpace(provenance.DigitalSourceType, "provenance.DigitalSourceType");
        return XmpPacket.Render(provenance);
    }

    /// <summary>Returns a copy of a PNG or JPEG image with the provenance as its XMP packet.</summary>
    /// <param name="image">The encoded PNG or JPEG.</param>
    /// <param name="provenance">What the image is and where it comes from.</param>
    /// <returns>The image with XMP; the pixels are the same bytes.</returns>
    /// <exception cref="ArgumentException">The bytes are not a well-formed PNG or JPEG.</exception>
    /// <exception cref="NotSupportedException">Another format (WEBP: not written yet), or a JPEG packet over 64 KB (extended XMP is not written).</exception>
    public static byte[] Embed(ReadOnlySpan<byte> image, ImageProvenance provenance)
    {
        var packet = Encoding.UTF8.GetBytes(CreateXmp(provenance));
        if (PngXmp.IsPng(image))
        {
            return PngXmp.Embed(image, packet);
        }

        if (JpegXmp.IsJpeg(image))
        {
            return JpegXmp.Embed(image, packet);
        }

        throw new NotSupportedException("Provenance XMP is written into PNG and JPEG images; this image is neither (WEBP is not supported yet).");
    }
}
