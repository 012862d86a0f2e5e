using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Sequences.Judging;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Imaging.Tests;

/// <summary>A panel cut from a re-rolled preview composite names that composite as its source, and the first roll's panel stays with its own.</summary>
public sealed class PreviewRerollProvenanceTests
{
    [Fact]
    public async Task RunAsync_RejectedPanel_IsCutAgainFromTheRerolledCompositeAndSaysSo()
    {
        var ct = TestContext.Current.CancellationToken;
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        var folder = Directory.CreateTempSubdirectory("pikumo-preview-reroll").FullName;
        try
        {
            var judge = new CallbackFrameJudge("test", (c, _) => ValueTask.FromResult(
                c is { BeatIndex: 1, Roll: 1 } ? FrameJudgement.Reject("beat 2 drifted") : FrameJudgement.Accept()));
            var story = PreviewSequenceTests.Story(4) with
            {
                Judging = new FrameJudging(judge) { MaxRerolls = 2 },
            };

            var result = await new SequenceRunner(client, new SkiaCompositeSlicer()).RunToEndAsync(story, SequenceTier.Preview,
                new SequenceRunOptions { OutputDirectory = folder }, ct);

            Assert.Equal(2, simulator.Recorder.ImageCalls.Count);
            var manifest = (await SequenceRunManifest.LoadAsync(folder, ct))!;
            var rolls = Assert.Single(manifest.Composites).Candidates;
            Assert.Equal(["preview/composite-01.png", "preview/composite-01-r2.png"], rolls.Select(c => c.File));
            var second = result.Frames.Single(f => f.BeatIndex == 1);
            Assert.Equal((SequenceFrameStatus.Done, 1), (second.Status, second.Rerolls));
            foreach (var (panel, composite) in new[] { ("preview/frame-002.png", rolls[0]), ("preview/frame-002-r2.png", rolls[1]) })
            {
                var xmp = XmpReader.Single(await File.ReadAllBytesAsync(Path.Combine(folder, panel), ct));
                Assert.Equal(composite.File, XmpReader.DerivedFromFile(xmp));
                Assert.Equal("sha256:" + composite.Sha256, XmpReader.DerivedFromDocumentId(xmp));
                Assert.Equal(composite.Sha256, XmpReader.Sha256(await File.ReadAllBytesAsync(Path.Combine(folder, composite.File!), ct)));
            }

            Assert.Equal(Path.Combine(folder, "preview", "frame-002-r2.png"), second.FilePath);
            Assert.All(result.Frames.Where(f => f.BeatIndex != 1), f => Assert.Equal(0, f.Rerolls));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
