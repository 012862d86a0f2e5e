using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Sequences.Judging;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Sequences.Judging;

/// <summary>
/// The preview tier re-rolls a chunk's composite while one of its panels is rejected: rejected beats keep their best
/// panel across the rolls, accepted beats keep theirs, every composite and panel paid for is on disk and in the manifest.
/// </summary>
public sealed class PreviewRerollTests
{
    /// <summary>The judge rejects the listed beats (0-based) on the listed rolls and accepts every other panel.</summary>
    private static FrameJudging RejectOn(int maxRerolls, params (int Beat, int Roll)[] rejected) =>
        new(new CallbackFrameJudge("test", (context, _) => ValueTask.FromResult(
            Array.IndexOf(rejected, (context.BeatIndex, context.Roll)) >= 0 ? FrameJudgement.Reject($"beat {context.BeatIndex + 1} roll {context.Roll}") : FrameJudgement.Accept())))
        {
            MaxRerolls = maxRerolls,
        };

    private static async Task<(SequenceRunResult Result, ImageGenSimulator Simulator, List<SequenceProgress> Reports)> RunAsync(string folder, FrameJudging judging, int beats = 4, decimal? rerollBudget = null)
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        var reports = new List<SequenceProgress>();
        var story = SequenceRunnerTests.Story(beats, chunkSize: 4) with { Judging = judging with { RerollBudgetUsd = rerollBudget } };
        var result = await new SequenceRunner(client, new WholeImageSlicer()).RunToEndAsync(story, SequenceTier.Preview,
            new SequenceRunOptions { OutputDirectory = folder, Progress = new SequenceRunnerTests.SyncProgress<SequenceProgress>(reports.Add) }, TestContext.Current.CancellationToken);
        return (result, simulator, reports);
    }

    [Fact]
    public async Task RunAsync_OnePanelRejected_RerollsTheCompositeOnceAndOnlyThatBeatTakesTheNewPanel()
    {
        using var folder = new TempFolder();
        var ct = TestContext.Current.CancellationToken;

        var (result, simulator, reports) = await RunAsync(folder.Path, RejectOn(2, (2, 1)));

        Assert.Equal(2, simulator.Recorder.ImageCalls.Count);           // the composite, and one re-roll of it
        Assert.Equal(1, result.Rerolls);
        Assert.Equal(2, result.Actual.Calls);
        Assert.All(result.Frames, f => Assert.Equal(SequenceFrameStatus.Done, f.Status));
        var third = result.Frames.Single(f => f.BeatIndex == 2);
        Assert.Equal((1, 2, 2), (third.Rerolls, third.Judgement!.Roll, third.Judgements.Count));
        Assert.EndsWith("frame-003-r2.png", third.FilePath, StringComparison.Ordinal);
        Assert.All(result.Frames.Where(f => f.BeatIndex != 2), f => Assert.Equal((0, 1, 1), (f.Rerolls, f.Judgement!.Roll, f.Judgements.Count)));

        var manifest = (await SequenceRunManifest.LoadAsync(folder.Path, ct))!;
        var composite = Assert.Single(manifest.Composites);
        Assert.Equal([1, 2], composite.Candidates.Select(c => c.Roll));
        Assert.All(composite.Candidates, c => Assert.True(File.Exists(Path.Combine(folder.Path, c.File!))));
        Assert.Equal(composite.Candidates.Sum(c => c.Cost!.Value.Usd), composite.Cost!.Value.Usd);
        Assert.Equal(result.Actual.CostUsd, composite.Cost!.Value.Usd);
        var entry = manifest.Frames.Single(e => e.Beat == 2);
        Assert.Equal([(1, false), (2, true)], entry.Candidates.Select(c => (c.Roll, c.Kept)));
        Assert.Equal("preview/frame-003-r2.png", entry.File);
        Assert.Equal(FrameVerdict.Accepted, entry.Judgement!.Verdict);
        Assert.All(manifest.Frames.Where(e => e.Beat != 2), e => Assert.Empty(e.Candidates));

        var reroll = Assert.Single(reports, r => r.Kind == SequenceProgressKind.FrameRerolled);
        Assert.Equal((2, 2, FrameVerdict.Rejected), (reroll.JudgedBeat, reroll.Attempt, reroll.Judgement!.Verdict));
    }

    [Fact]
    public async Task RunAsync_PanelRejectedOnEveryRoll_StopsAtMaxRerollsKeepsTheFirstAndARerunPaysNothing()
    {
        using var folder = new TempFolder();
        var judging = RejectOn(2, (0, 1), (0, 2), (0, 3));

        var (result, simulator, _) = await RunAsync(folder.Path, judging);
        var (again, simulatorAgain, _) = await RunAsync(folder.Path, judging);

        Assert.Equal(3, simulator.Recorder.ImageCalls.Count);
        var first = result.Frames.Single(f => f.BeatIndex == 0);
        Assert.Equal((SequenceFrameStatus.Rejected, 2, 1), (first.Status, first.Rerolls, first.Judgement!.Roll));   // a tie keeps the earlier roll
        Assert.Equal(3, first.Judgements.Count);
        Assert.Single(result.Rejected);
        Assert.Empty(simulatorAgain.Recorder.ImageCalls);
        Assert.Equal(SequenceFrameStatus.Rejected, again.Frames.Single(f => f.BeatIndex == 0).Status);
    }

    [Fact]
    public async Task RunAsync_RerollBudgetOfZero_KeepsTheRejectedPanelWithoutPaying()
    {
        using var folder = new TempFolder();

        var (result, simulator, _) = await RunAsync(folder.Path, RejectOn(3, (1, 1)), rerollBudget: 0m);

        Assert.Single(simulator.Recorder.ImageCalls);
        Assert.Equal(0, result.Rerolls);
        Assert.Equal(SequenceFrameStatus.Rejected, result.Frames.Single(f => f.BeatIndex == 1).Status);
    }

    [Fact]
    public async Task RunAsync_NoRerollsAllowed_RecordsTheRejectionAndMakesOneCallPerChunk()
    {
        using var folder = new TempFolder();

        var (result, simulator, _) = await RunAsync(folder.Path, RejectOn(0, (0, 1), (5, 1)), beats: 8);

        Assert.Equal(2, simulator.Recorder.ImageCalls.Count);
        Assert.Equal([0, 5], result.Rejected.Select(f => f.BeatIndex).Order());
    }

    [Fact]
    public void Plan_PreviewWithAJudge_SaysWhatRerollsOfCompositesMayAdd()
    {
        var story = SequenceRunnerTests.Story(8, chunkSize: 4) with { Judging = RejectOn(2) };

        var plan = new ImageGen.Planning.SequencePlanner().Plan(story);

        Assert.Equal(plan.Preview.CostUsd * 2, plan.Preview.MaxRerollCostUsd);
        Assert.Contains("re-rolls of rejected panels may add up to", plan.ToTable(), StringComparison.Ordinal);
        Assert.Equal(0m, new ImageGen.Planning.SequencePlanner().Plan(story with { Judging = RejectOn(2) with { RerollBudgetUsd = 0m } }).Preview.MaxRerollCostUsd);
    }
}
