using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Sequences.Judging;
using Pikumo.ImageGen.Specs;
using Pikumo.ImageGen.Testing;
using SkiaSharp;

namespace Pikumo.ImageGen.Imaging.Tests;

/// <summary>The judges that need no model, on their own and on a preview run's panels.</summary>
public sealed class JudgingTests
{
    private static FrameJudgingContext Context(byte[] image, ImageSize size, string? panel = null) => new()
    {
        Image = new GeneratedImage(0, image), Beat = new Scene("a beat"), BeatIndex = 0, References = [], RequestedSize = size, Panel = panel,
    };

    [Fact]
    public async Task NotBlank_PlainImage_IsRejectedAndASimulatorFrameAccepted()
    {
        var judge = new NotBlankJudge();
        var plain = await judge.JudgeAsync(Context(SlicingTests.Png(256, 256, SKColors.Beige), ImageSize.Auto), TestContext.Current.CancellationToken);
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        var frame = await client.GenerateAsync(new ImageGenerateRequest("Mia reads in bed") { Quality = ImageQuality.Low, Size = ImageSize.Square1024 }, TestContext.Current.CancellationToken);
        var drawn = await judge.JudgeAsync(Context(frame.Images[0].Data.ToArray(), ImageSize.Square1024), TestContext.Current.CancellationToken);
        var garbage = await judge.JudgeAsync(Context("not an image"u8.ToArray(), ImageSize.Auto), TestContext.Current.CancellationToken);

        Assert.Equal(FrameVerdict.Rejected, plain.Verdict);
        Assert.StartsWith("blank", plain.Reason, StringComparison.Ordinal);
        Assert.Equal(FrameVerdict.Accepted, drawn.Verdict);
        Assert.Equal((FrameVerdict.Rejected, "the image cannot be decoded"), (garbage.Verdict, garbage.Reason));
    }

    [Fact]
    public async Task WellFormed_TruncatedOrWrongSize_IsRejected()
    {
        var png = SlicingTests.Png(300, 200, SKColors.Teal);
        var judge = FrameJudges.WellFormed;
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(FrameVerdict.Accepted, (await judge.JudgeAsync(Context(png, new ImageSize(300, 200)), ct)).Verdict);
        Assert.Equal(FrameVerdict.Accepted, (await judge.JudgeAsync(Context(png, new ImageSize(304, 196), panel: "panel_1"), ct)).Verdict);
        Assert.Contains("not the 1024x1024 asked for", (await judge.JudgeAsync(Context(png, ImageSize.Square1024), ct)).Reason, StringComparison.Ordinal);
        Assert.Contains("cut short", (await judge.JudgeAsync(Context(png[..^20], new ImageSize(300, 200)), ct)).Reason, StringComparison.Ordinal);
        Assert.Equal(FrameVerdict.Rejected, (await judge.JudgeAsync(Context([1, 2, 3], ImageSize.Auto), ct)).Verdict);
    }

    [Fact]
    public async Task All_FirstRejectionWinsOtherwiseTheLowestScore()
    {
        var ct = TestContext.Current.CancellationToken;
        var asked = new List<string>();
        IFrameJudge Judge(string name, FrameJudgement answer) => FrameJudges.FromCallback(name, (_, _) =>
        {
            asked.Add(name);
            return ValueTask.FromResult(answer);
        });
        var context = Context(SlicingTests.Png(8, 8, SKColors.Teal), ImageSize.Auto);

        var scored = await FrameJudges.All(Judge("a", FrameJudgement.Scored(0.9)), Judge("b", FrameJudgement.Scored(0.4, "dim")), Judge("c", FrameJudgement.Accept())).JudgeAsync(context, ct);
        var rejected = await FrameJudges.All(Judge("d", FrameJudgement.Reject("broken")), Judge("e", FrameJudgement.Accept())).JudgeAsync(context, ct);

        Assert.Equal((FrameVerdict.Scored, 0.4, "b: dim"), (scored.Verdict, scored.Score, scored.Reason));
        Assert.Equal((FrameVerdict.Rejected, "d"), (rejected.Verdict, rejected.Judge));
        Assert.Equal(["a", "b", "c", "d"], asked);
        Assert.Throws<ArgumentException>("judges", () => FrameJudges.All());
        Assert.Throws<ArgumentException>("reason", () => FrameJudgement.Reject(" "));
        Assert.Throws<ArgumentOutOfRangeException>("score", () => FrameJudgement.Scored(double.NaN));
    }

    [Fact]
    public async Task RunAsync_PreviewWithJudges_JudgesEveryPanelAndRecordsIt()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        var folder = Directory.CreateTempSubdirectory("pikumo-judged-preview").FullName;
        try
        {
            var story = PreviewSequenceTests.Story(6) with
            {
                Judging = new FrameJudging(FrameJudges.All(FrameJudges.WellFormed, new NotBlankJudge())),
            };

            var result = await new SequenceRunner(client, new SkiaCompositeSlicer()).RunToEndAsync(story, SequenceTier.Preview,
                new SequenceRunOptions { OutputDirectory = folder }, TestContext.Current.CancellationToken);

            Assert.All(result.Frames, f => Assert.Equal((SequenceFrameStatus.Done, FrameVerdict.Accepted, "well-formed+not-blank"), (f.Status, f.Judgement!.Verdict, f.Judgement.Judge)));
            var manifest = (await SequenceRunManifest.LoadAsync(folder, TestContext.Current.CancellationToken))!;
            Assert.Equal(6, manifest.Frames.Count);
            Assert.All(manifest.Frames, e => Assert.Equal((FrameVerdict.Accepted, "well-formed+not-blank", 1, 0), (e.Judgement!.Verdict, e.Judgement.Judge, e.Judgements.Count, e.Candidates.Count)));
            Assert.Single(simulator.Recorder.ImageCalls);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
