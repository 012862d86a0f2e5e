using MetadataExtractor;
using MetadataExtractor.Formats.Xmp;
using Pikumo.ImageGen.Privacy;

namespace Pikumo.ImageGen.Imaging.Tests;

/// <summary>Reads derived images' XMP back with MetadataExtractor (an independent reader), as flat path → value pairs.</summary>
internal static class XmpReader
{
    public const string IptcExt = "http://iptc.org/std/Iptc4xmpExt/2008-02-29/";
    public const string XmpMM = "http://ns.adobe.com/xap/1.0/mm/";
    public const string StRef = "http://ns.adobe.com/xap/1.0/sType/ResourceRef#";

    /// <summary>The image's XMP directories (a well-formed file has exactly one).</summary>
    public static IReadOnlyList<XmpDirectory> Directories(ReadOnlyMemory<byte> image)
    {
        using var stream = new MemoryStream(image.ToArray());
        return ImageMetadataReader.ReadMetadata(stream).OfType<XmpDirectory>().ToList();
    }

    public static XmpDirectory Single(ReadOnlyMemory<byte> image)
    {
        var directories = Directories(image);
        var directory = Assert.Single(directories);
        Assert.False(directory.HasError, string.Join("; ", directory.Errors));
        Assert.NotNull(directory.XmpMeta);
        return directory;
    }

    public static string? DigitalSourceType(XmpDirectory xmp) => xmp.XmpMeta!.GetPropertyString(IptcExt, "DigitalSourceType");

    /// <summary>The <c>stRef:documentID</c> of <c>xmpMM:DerivedFrom</c>: <c>sha256:</c> + hex.</summary>
    public static string? DerivedFromDocumentId(XmpDirectory xmp) => xmp.XmpMeta!.GetStructField(XmpMM, "DerivedFrom", StRef, "documentID")?.Value;

    public static string? DerivedFromFile(XmpDirectory xmp) => xmp.XmpMeta!.GetStructField(XmpMM, "DerivedFrom", StRef, "filePath")?.Value;

    /// <summary>The <c>stRef:documentID</c> of every <c>xmpMM:Ingredients</c> item.</summary>
    public static IReadOnlyList<string> IngredientIds(XmpDirectory xmp)
    {
        var meta = xmp.XmpMeta!;
        var count = meta.CountArrayItems(XmpMM, "Ingredients");
        return [.. Enumerable.Range(1, count).Select(i => meta.GetStructField(XmpMM, $"Ingredients[{i}]", StRef, "documentID")!.Value)];
    }

    public static IReadOnlyList<string> ConsentSubjects(XmpDirectory xmp)
    {
        var meta = xmp.XmpMeta!;
        var count = meta.CountArrayItems(ProvenanceMetadata.Namespace, "Consents");
        return [.. Enumerable.Range(1, count).Select(i => meta.GetStructField(ProvenanceMetadata.Namespace, $"Consents[{i}]", ProvenanceMetadata.Namespace, "subject")!.Value)];
    }

    public static string? ConsentField(XmpDirectory xmp, int item, string field) =>
        xmp.XmpMeta!.GetStructField(ProvenanceMetadata.Namespace, $"Consents[{item}]", ProvenanceMetadata.Namespace, field)?.Value;

    public static string Sha256(ReadOnlyMemory<byte> data) => ProvenanceSource.Of(data.Span).Sha256;
}
