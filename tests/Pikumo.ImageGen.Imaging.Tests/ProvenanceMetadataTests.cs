using System.Buffers.Binary;
using Pikumo.ImageGen.Privacy;
using SkiaSharp;

namespace Pikumo.ImageGen.Imaging.Tests;

/// <summary>XMP provenance written into PNG and JPEG, read back with MetadataExtractor; the pixels stay the same.</summary>
public sealed class ProvenanceMetadataTests
{
    private static readonly ConsentRecord Consent = new()
    {
        Subject = "Mia",
        GrantedBy = "Mia's mother <& guardian>",
        GrantedAt = new DateTimeOffset(2026, 5, 26, 9, 30, 0, TimeSpan.Zero),
        Scope = "illustrated birthday storybook, kept 30 days",
        Reference = "consent-42",
    };

    private static ImageProvenance Provenance(byte[] source) => new()
    {
        Sources = [ProvenanceSource.Of(source, "preview/composite-01.png") with { RequestId = "req_1", Model = "gpt-image-2", Part = "panel_3" }],
        Consents = [Consent],
        Description = "panel_3 of a 2x4 storyboard",
    };

    [Fact]
    public void Embed_Png_WritesReadableXmpAndKeepsThePixels()
    {
        var source = SlicingTests.Png(40, 20, SKColors.Orange);
        var png = SlicingTests.Png(16, 16, SKColors.Teal);

        var tagged = ProvenanceMetadata.Embed(png, Provenance(source));

        var xmp = XmpReader.Single(tagged);
        Assert.Equal(DigitalSourceTypes.TrainedAlgorithmicMedia, XmpReader.DigitalSourceType(xmp));
        Assert.Equal("sha256:" + XmpReader.Sha256(source), XmpReader.DerivedFromDocumentId(xmp));
        Assert.Equal("preview/composite-01.png", XmpReader.DerivedFromFile(xmp));
        Assert.Equal("gpt-image-2", xmp.XmpMeta!.GetPropertyString(XmpReader.IptcExt, "AISystemUsed"));
        Assert.Equal(["Mia"], XmpReader.ConsentSubjects(xmp));
        Assert.Equal("Mia's mother <& guardian>", XmpReader.ConsentField(xmp, 1, "grantedBy"));
        Assert.Equal("2026-05-26T09:30:00.0000000+00:00", XmpReader.ConsentField(xmp, 1, "grantedAt"));
        Assert.Equal("consent-42", XmpReader.ConsentField(xmp, 1, "reference"));
        Assert.Equal(Pixels(png), Pixels(tagged));
        Assert.Equal("iTXt", ChunkTypes(tagged)[1]); // right after IHDR
    }

    [Fact]
    public void Embed_Twice_ReplacesTheEarlierPacket()
    {
        var png = SlicingTests.Png(8, 8, SKColors.Red);
        var first = ProvenanceMetadata.Embed(png, new ImageProvenance { Sources = [ProvenanceSource.Of("a"u8)] });

        var second = ProvenanceMetadata.Embed(first, new ImageProvenance
        {
            DigitalSourceType = DigitalSourceTypes.CompositeWithTrainedAlgorithmicMedia,
            Sources = [ProvenanceSource.Of("b"u8), ProvenanceSource.Of("c"u8)],
        });

        var xmp = XmpReader.Single(second);
        Assert.Equal(DigitalSourceTypes.CompositeWithTrainedAlgorithmicMedia, XmpReader.DigitalSourceType(xmp));
        Assert.Null(XmpReader.DerivedFromDocumentId(xmp)); // two sources: no single DerivedFrom
        Assert.Equal(["sha256:" + XmpReader.Sha256("b"u8.ToArray()), "sha256:" + XmpReader.Sha256("c"u8.ToArray())], XmpReader.IngredientIds(xmp));
        Assert.Single(ChunkTypes(second), "iTXt");
    }

    [Fact]
    public void Embed_Jpeg_WritesAnApp1XmpSegmentAndKeepsThePixels()
    {
        var source = SlicingTests.Png(30, 30, SKColors.Blue);
        using var bitmap = new SKBitmap(24, 24);
        bitmap.Erase(SKColors.Green);
        using var image = SKImage.FromBitmap(bitmap);
        var jpeg = image.Encode(SKEncodedImageFormat.Jpeg, 90).ToArray();

        var tagged = ProvenanceMetadata.Embed(jpeg, Provenance(source));

        var xmp = XmpReader.Single(tagged);
        Assert.Equal(DigitalSourceTypes.TrainedAlgorithmicMedia, XmpReader.DigitalSourceType(xmp));
        Assert.Equal("sha256:" + XmpReader.Sha256(source), XmpReader.DerivedFromDocumentId(xmp));
        Assert.Equal(Pixels(jpeg), Pixels(tagged));
        var scan = jpeg.AsSpan(jpeg.AsSpan().IndexOf([(byte)0xFF, (byte)0xDA]));
        Assert.True(tagged.AsSpan().EndsWith(scan), "the entropy-coded scan is copied byte for byte");
    }

    [Fact]
    public void Embed_Webp_IsNotSupported()
    {
        using var bitmap = new SKBitmap(8, 8);
        using var image = SKImage.FromBitmap(bitmap);
        var webp = image.Encode(SKEncodedImageFormat.Webp, 80).ToArray();

        Assert.Throws<NotSupportedException>(() => ProvenanceMetadata.Embed(webp, new ImageProvenance()));
    }

    [Fact]
    public void Embed_TruncatedPng_IsRefused()
    {
        var png = SlicingTests.Png(8, 8, SKColors.Red);

        Assert.Throws<ArgumentException>(() => ProvenanceMetadata.Embed(png.AsSpan(0, 20), new ImageProvenance()));
    }

    [Fact]
    public void CreateXmp_SameInput_SameText() =>
        Assert.Equal(ProvenanceMetadata.CreateXmp(Provenance([1, 2, 3])), ProvenanceMetadata.CreateXmp(Provenance([1, 2, 3])));

    internal static byte[] Pixels(byte[] image)
    {
        using var bitmap = SKBitmap.Decode(image);
        return bitmap.Bytes;
    }

    internal static List<string> ChunkTypes(byte[] png)
    {
        var types = new List<string>();
        for (var at = 8; at + 12 <= png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            types.Add(System.Text.Encoding.ASCII.GetString(png, at + 4, 4));
            at += 12 + length;
        }

        return types;
    }
}
