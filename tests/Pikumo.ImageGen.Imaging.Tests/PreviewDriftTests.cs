using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Sequences.Judging;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Testing.Imaging;
using SkiaSharp;

namespace Pikumo.ImageGen.Imaging.Tests;

/// <summary>
/// Offline drift in the preview tier: the simulator makes each panel of a composite drift on its own draw and marks it
/// with a band across the panel's top; after the Skia slicer cut it (and the score chunk is gone) the identity judge
/// still finds it, so rejected panels are rolled again. SkiaSharp decodes every panel here as the oracle.
/// </summary>
public sealed class PreviewDriftTests
{
    [Fact]
    public async Task RunAsync_DriftedPanels_AreFoundAfterSlicingAndRolledAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0, DriftShare = 0.35 });
        using var client = simulator.CreateClient();
        var folder = Directory.CreateTempSubdirectory("pikumo-preview-drift").FullName;
        try
        {
            var story = PreviewSequenceTests.Story(8) with
            {
                ChunkSize = 4,
                Judging = new FrameJudging(new SimulatorIdentityJudge()) { MaxRerolls = 4 },
            };

            var result = await new SequenceRunner(client, new SkiaCompositeSlicer()).RunToEndAsync(story, SequenceTier.Preview,
                new SequenceRunOptions { OutputDirectory = folder }, ct);

            TestContext.Current.TestOutputHelper?.WriteLine($"8 panels, drift 0.35: {simulator.Recorder.ImageCalls.Count} calls, {result.Rerolls} re-rolls, {result.Rejected.Count} rejected");
            Assert.True(result.Rerolls > 0, "the seed makes some panels drift");
            Assert.Equal(2 + result.Rerolls, simulator.Recorder.ImageCalls.Count);
            var manifest = (await SequenceRunManifest.LoadAsync(folder, ct))!;
            foreach (var entry in manifest.Frames)
            {
                // Every panel judged, as SkiaSharp sees it: rejected exactly when it shows the band.
                var panels = entry.Candidates.Count > 0 ? entry.Candidates.Select(c => (c.File!, c.Judgement!)) : [(entry.File!, entry.Judgement!)];
                foreach (var (file, judgement) in panels)
                {
                    Assert.Equal(HasBand(await File.ReadAllBytesAsync(Path.Combine(folder, file), ct)), judgement.IsRejected);
                }
            }

            Assert.Contains(manifest.Frames, e => e.Candidates.Count > 1);
            Assert.All(result.Frames, f => Assert.Equal(f.Status == SequenceFrameStatus.Rejected, f.Judgement!.IsRejected));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void TryReadBand_APictureRedAllOverOrACorruptOne_IsNoBand()
    {
        using var red = new SKBitmap(96, 96);
        red.Erase(new SKColor(200, 40, 40));
        using var encoded = red.Encode(SKEncodedImageFormat.Png, 100);

        Assert.True(SimulatedIdentity.TryReadBand(encoded.ToArray(), out var drifted));
        Assert.False(drifted);
        Assert.False(SimulatedIdentity.TryReadBand("not a png"u8, out _));

        // A corrupt image is not read, and does not throw.
        var corrupt = encoded.ToArray();
        corrupt.AsSpan(corrupt.AsSpan().IndexOf("IDAT"u8) + 6, 8).Fill(0xFF);   // the compressed pixels, past the zlib header
        Assert.Null(Record.Exception(() => SimulatedIdentity.TryReadBand(corrupt, out _)));
    }

    /// <summary>The band's colour over most of a row a third of the way down the band, read with SkiaSharp.</summary>
    private static bool HasBand(byte[] png)
    {
        using var bitmap = SKBitmap.Decode(png);
        var row = Math.Max(8, bitmap.Height / 12) * 2 / 3;
        var red = Enumerable.Range(0, bitmap.Width).Count(x => bitmap.GetPixel(x, row) is var p && Math.Abs(p.Red - 200) + Math.Abs(p.Green - 40) + Math.Abs(p.Blue - 40) < 48);
        return red * 2 > bitmap.Width;
    }
}
