using System.Security.Cryptography;
using System.Text.Json;
using Pikumo.ImageGen.Privacy;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Testing.Imaging;
using SkiaSharp;

namespace Pikumo.ImageGen.Imaging.Tests;

/// <summary>
/// Issue 22's "done when": a story runs on the simulator (which marks its PNGs with a provenance box), is sliced and
/// reported; every original on disk is the simulator's bytes with the box intact; every derived image says what it is
/// and which composite or frames it came from; the story is deleted and nothing is left.
/// </summary>
public sealed class PrivacyStoryTests
{
    private static readonly ConsentRecord MiaConsent = new()
    {
        Subject = "Mia",
        GrantedBy = "Mia's mother",
        GrantedAt = new DateTimeOffset(2026, 5, 26, 9, 0, 0, TimeSpan.Zero),
        Scope = "illustrated day-in-the-life storybook",
    };

    [Fact]
    public async Task Story_OriginalsByteExact_DerivedSayWhatTheyAre_DeletedWithNothingLeft()
    {
        var ct = TestContext.Current.CancellationToken;
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0, ProvenanceMarker = true });
        using var client = simulator.CreateClient(configure: o => o.RequireConsent = true);
        var photo = SlicingTests.Png(64, 64, SKColors.Teal);
        var story = new SequenceRequest(
            new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithConsent(MiaConsent).WithStyle(ImageStyle.Dreamscape),
            Enumerable.Range(1, 10).Select(i => new Scene($"Mia, beat {i}")),
            [ImageInput.FromBytes(photo)]) { ChunkSize = 5 };
        var folder = Path.Combine(Directory.CreateTempSubdirectory("pikumo-privacy").FullName, "story");
        var runner = new SequenceRunner(client, new SkiaCompositeSlicer());

        var preview = await runner.RunToEndAsync(story, SequenceTier.Preview, new SequenceRunOptions { OutputDirectory = folder }, ct);
        var final = await runner.RunToEndAsync(story, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder, Beats = [0, 5, 9] }, ct);

        // Originals: the composites and final frames on disk are exactly what the simulator sent, marker box included.
        var sent = simulator.Recorder.SentImages;
        Assert.Equal(2 + 3, sent.Count);
        var originals = Directory.GetFiles(Path.Combine(folder, "preview"), "composite-*").Concat(Directory.GetFiles(Path.Combine(folder, "final"))).Order().ToList();
        Assert.Equal(5, originals.Count);
        var sentHashes = sent.Select(s => s.Sha256).ToHashSet();
        foreach (var file in originals)
        {
            var bytes = await File.ReadAllBytesAsync(file, ct);
            Assert.Contains(Convert.ToHexStringLower(SHA256.HashData(bytes)), sentHashes);
            Assert.True(ProvenanceMarker.TryRead(bytes, out var marker), $"{file} lost the provider's metadata box");
            Assert.Contains("\"signed\":false", marker, StringComparison.Ordinal);
            Assert.Empty(XmpReader.Directories(bytes)); // the library adds nothing to an original
        }

        // Derived: each preview frame names its composite (file and SHA-256), the source type and the consent.
        var manifest = (await SequenceRunManifest.LoadAsync(folder, ct))!;
        Assert.Equal(10, preview.Frames.Count);
        foreach (var frame in preview.Frames)
        {
            var composite = manifest.Composites.Single(c => c.Chunk == frame.Chunk);
            var xmp = XmpReader.Single(await File.ReadAllBytesAsync(frame.FilePath!, ct));
            Assert.Equal(DigitalSourceTypes.TrainedAlgorithmicMedia, XmpReader.DigitalSourceType(xmp));
            Assert.Equal("sha256:" + composite.Sha256, XmpReader.DerivedFromDocumentId(xmp));
            Assert.Equal(composite.File, XmpReader.DerivedFromFile(xmp));
            Assert.Equal(composite.Sha256, XmpReader.Sha256(await File.ReadAllBytesAsync(Path.Combine(folder, composite.File!), ct)));
            Assert.Equal(["Mia"], XmpReader.ConsentSubjects(xmp));
        }

        // The consent travels into every manifest entry too.
        Assert.All(manifest.Composites.Concat(manifest.Frames), e => Assert.Equal([MiaConsent], e.Consents));

        // Reports: a contact sheet of the preview and a thumbnail of a final frame, both saying where they come from.
        var sheetFile = Path.Combine(folder, "preview-contact-sheet.png");
        await File.WriteAllBytesAsync(sheetFile, ContactSheet.Create(preview.Frames), ct);
        var sheet = XmpReader.Single(await File.ReadAllBytesAsync(sheetFile, ct));
        Assert.Equal(DigitalSourceTypes.CompositeWithTrainedAlgorithmicMedia, XmpReader.DigitalSourceType(sheet));
        Assert.Equal(preview.Frames.Select(f => "sha256:" + XmpReader.Sha256(f.Image!.Data)), XmpReader.IngredientIds(sheet));

        var frameOne = final.Frames[0];
        var thumbnail = ProvenanceMetadata.Embed(Thumbnail(frameOne.Image!.Data, 96), new ImageProvenance
        {
            Sources = [ProvenanceSource.Of(frameOne.Image.Data.Span, "final/frame-001.png") with { RequestId = frameOne.RequestId }],
            Consents = [MiaConsent],
            Description = "report thumbnail",
        });
        var thumb = XmpReader.Single(thumbnail);
        Assert.Equal(DigitalSourceTypes.TrainedAlgorithmicMedia, XmpReader.DigitalSourceType(thumb));
        Assert.Equal("sha256:" + sent.Single(s => s.Sha256 == XmpReader.Sha256(frameOne.Image.Data)).Sha256, XmpReader.DerivedFromDocumentId(thumb));

        // Nothing copied the reference photo into the folder, and the manifest holds no trace of it.
        foreach (var file in Directory.GetFiles(folder, "*", SearchOption.AllDirectories))
        {
            Assert.NotEqual(photo, await File.ReadAllBytesAsync(file, ct));
        }

        var manifestText = await File.ReadAllTextAsync(Path.Combine(folder, SequenceRunManifest.FileName), ct);
        Assert.DoesNotContain(Convert.ToBase64String(photo)[..40], manifestText, StringComparison.Ordinal);
        using (JsonDocument.Parse(manifestText))
        {
        }

        // A leftover temporary file of an interrupted write, then one call deletes everything.
        await File.WriteAllBytesAsync(Path.Combine(folder, "final", ".frame-004.png.0123456789abcdef.tmp"), [1, 2, 3], ct);
        var deletion = await FolderStoryDeleter.Instance.DeleteStoryAsync(folder, includeOtherFiles: true, ct);

        Assert.True(deletion.Complete);
        Assert.Empty(deletion.Kept);
        Assert.False(Directory.Exists(folder));
        Assert.Equal(SequenceRunManifest.FileName, deletion.Deleted[0]);
        Assert.Contains("final/.frame-004.png.0123456789abcdef.tmp", deletion.Deleted);
        Assert.Empty(Directory.GetFileSystemEntries(Path.GetDirectoryName(folder)!));
        Directory.Delete(Path.GetDirectoryName(folder)!);
    }

    private static byte[] Thumbnail(ReadOnlyMemory<byte> image, int width)
    {
        using var bitmap = SKBitmap.Decode(image.Span);
        using var small = bitmap.Resize(new SKImageInfo(width, bitmap.Height * width / bitmap.Width), new SKSamplingOptions(SKFilterMode.Linear));
        using var encoded = SKImage.FromBitmap(small).Encode(SKEncodedImageFormat.Jpeg, 85);
        return encoded.ToArray();
    }
}
