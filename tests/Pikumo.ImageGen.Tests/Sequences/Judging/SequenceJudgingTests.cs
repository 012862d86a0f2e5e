using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Sequences.Judging;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Testing.Imaging;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Sequences.Judging;

/// <summary>A judge for every frame on the simulator: re-rolls of drifted frames, best-of-n, budgets, the manifest and progress.</summary>
public sealed class SequenceJudgingTests
{
    private static SequenceRequest Story(int beats, FrameJudging judging) => SequenceRunnerTests.Story(beats, chunkSize: 4) with { Judging = judging };

    private static (ImageGenSimulator Simulator, ImageGenClient Client) Simulator(double drift)
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0, DriftShare = drift });
        return (simulator, simulator.CreateClient());
    }

    [Fact]
    public async Task RunAsync_DriftedFrames_AreRerolledUntilAcceptedAndEveryCallIsCounted()
    {
        var (simulator, client) = Simulator(drift: 0.4);
        using var owned = client;
        using var folder = new TempFolder();
        var reports = new List<SequenceProgress>();
        var progress = new SynchronousProgress<SequenceProgress>(reports.Add);

        var result = await new SequenceRunner(client).RunToEndAsync(
            Story(8, new FrameJudging(new SimulatorIdentityJudge()) { MaxRerolls = 5 }), SequenceTier.Final,
            new SequenceRunOptions { OutputDirectory = folder.Path, Progress = progress }, TestContext.Current.CancellationToken);

        var calls = simulator.Recorder.ImageCalls;
        TestContext.Current.TestOutputHelper?.WriteLine($"8 frames, drift 0.4: {calls.Count} calls, {result.Rerolls} re-rolls, {result.Rejected.Count} rejected");
        Assert.True(result.Rerolls > 0, "the seed makes some frames drift");
        Assert.Equal(8 + result.Rerolls, calls.Count);
        Assert.Equal(calls.Count, result.Actual.Calls);
        Assert.Equal(result.Rerolls, result.Frames.Sum(f => f.Rerolls));
        var manifest = (await SequenceRunManifest.LoadAsync(folder.Path, TestContext.Current.CancellationToken))!;
        foreach (var frame in result.Frames)
        {
            // Each beat was called once plus once per re-roll, and every image it paid for is judged, kept on disk and in the manifest.
            Assert.Equal(1 + frame.Rerolls, calls.Count(c => SequenceRunnerTests.BeatOf(c) == frame.Beat.Beat));
            Assert.Equal(1 + frame.Rerolls, frame.Judgements.Count);
            Assert.Equal(frame.Status == SequenceFrameStatus.Done, !frame.Judgement!.IsRejected);
            Assert.True(SimulatedIdentity.TryRead(frame.Image!.Data.Span, out _, out var drifted));
            Assert.Equal(frame.Status == SequenceFrameStatus.Rejected, drifted);
            var entry = manifest.Frames.Single(e => e.Beat == frame.BeatIndex && e.Tier == SequenceTier.Final);
            Assert.Equal(frame.Judgements.Count, entry.Candidates.Count);
            Assert.All(entry.Candidates, c => Assert.True(File.Exists(Path.Combine(folder.Path, c.File!))));
            Assert.Equal(entry.File, Assert.Single(entry.Candidates, c => c.Kept).File);
            Assert.Equal(frame.Judgement, entry.Judgement);
            Assert.Equal(frame.Judgements, entry.Judgements);
            Assert.Equal(frame.Judgements, entry.Candidates.Select(c => c.Judgement));
            Assert.Equal(entry.Candidates.Sum(c => c.Cost?.Usd), entry.Cost?.Usd);
        }

        // Every judgement is reported as it is made, each re-roll before it is paid for, and the frame's report comes after its judgements.
        var judged = reports.Where(r => r.Kind == SequenceProgressKind.FrameJudged).ToList();
        Assert.Equal(result.Frames.Sum(f => f.Judgements.Count), judged.Count);
        Assert.All(judged, r => Assert.NotNull(r.Judgement));
        Assert.Equal(result.Frames.SelectMany(f => f.Judgements.Select(j => (f.BeatIndex, j.Roll, j.Verdict, j.Score))).Order(),
            judged.Select(r => (r.JudgedBeat!.Value, r.Judgement!.Roll, r.Judgement.Verdict, r.Judgement.Score)).Order());
        var rerolled = reports.Where(r => r.Kind == SequenceProgressKind.FrameRerolled).ToList();
        Assert.Equal(result.Rerolls, rerolled.Count);
        Assert.All(rerolled, r => Assert.True(r.Judgement!.IsRejected && r.Attempt >= 2));
        foreach (var frame in result.Frames)
        {
            var landed = reports.FindIndex(r => r.LastFrame?.BeatIndex == frame.BeatIndex);
            Assert.Equal(SequenceProgressKind.FrameLanded, reports[landed].Kind);
            Assert.True(reports.FindLastIndex(r => r.JudgedBeat == frame.BeatIndex && r.Kind == SequenceProgressKind.FrameJudged) < landed);
        }

        Assert.Equal(result.Rerolls, reports[^1].Rerolls);
        Assert.Equal(result.Rejected.Count, reports[^1].FramesRejected);
        Assert.Contains(reports, r => r.Judgement is { IsRejected: true, Judge: "simulator-identity" });
    }

    [Fact]
    public async Task RunAsync_BestOfFour_AsksForFourImagesAndKeepsTheBestScored()
    {
        var (simulator, client) = Simulator(drift: 0.3);
        using var owned = client;
        using var folder = new TempFolder();

        var result = await new SequenceRunner(client).RunToEndAsync(
            Story(3, new FrameJudging(new SimulatorIdentityJudge { RejectDrift = false }) { Variants = 4, MaxRerolls = 0 }), SequenceTier.Final,
            new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);

        Assert.All(simulator.Recorder.ImageCalls, c => Assert.Equal("4", c.Fields["n"]));
        Assert.Equal(3, simulator.Recorder.ImageCalls.Count);
        Assert.Equal(12, result.Plan.Final.Images);
        foreach (var frame in result.Frames)
        {
            Assert.Equal(4, frame.Judgements.Count);
            var scores = frame.Judgements.Select(j => j.Score!.Value).ToArray();
            Assert.Equal(scores.Max(), frame.Judgement!.Score);
            Assert.True(SimulatedIdentity.TryRead(frame.Image!.Data.Span, out var kept, out _));
            Assert.Equal(scores.Max(), kept);
            Assert.Equal(4, Directory.GetFiles(Path.Combine(folder.Path, "final"), $"frame-{frame.BeatIndex + 1:000}*").Length);
        }

        Assert.Contains(result.Frames, f => f.Judgement!.Variant > 0); // the kept image is not always the first
    }

    [Fact]
    public async Task RunAsync_RerollBudgetOfZeroDollars_KeepsTheBestRejectedImageWithoutPaying()
    {
        var (simulator, client) = Simulator(drift: 1);
        using var owned = client;
        using var folder = new TempFolder();

        var result = await new SequenceRunner(client).RunToEndAsync(
            Story(3, new FrameJudging(new SimulatorIdentityJudge()) { MaxRerolls = 3, RerollBudgetUsd = 0m }), SequenceTier.Final,
            new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);

        Assert.Equal(3, simulator.Recorder.ImageCalls.Count);
        Assert.Equal(0, result.Rerolls);
        Assert.All(result.Frames, f => Assert.Equal(SequenceFrameStatus.Rejected, f.Status));
        Assert.All(result.Frames, f => Assert.True(File.Exists(f.FilePath)));
        Assert.Equal(3, result.Rejected.Count);
    }

    [Fact]
    public async Task RunAsync_RerollBudgetInDollars_StopsRerollsWhenTheNextWouldPassIt()
    {
        var (simulator, client) = Simulator(drift: 1);
        using var owned = client;
        using var folder = new TempFolder();
        var story = Story(3, new FrameJudging(new SimulatorIdentityJudge()) { MaxRerolls = 5 });
        var perCall = new SequenceRunner(client).Plan(story).Final.CostUsd / 3;

        // Room for two re-rolls (and a half): the third would pass it, whatever frame asks.
        var result = await new SequenceRunner(client).RunToEndAsync(story with { Judging = story.Judging! with { RerollBudgetUsd = perCall * 2.5m } }, SequenceTier.Final,
            new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);

        Assert.Equal(2, result.Rerolls);
        Assert.Equal(3 + 2, simulator.Recorder.ImageCalls.Count);
        Assert.Equal(3 + 2, result.Actual.Calls);
        Assert.True(result.Actual.CostUsd <= (perCall * 3) + (perCall * 2.5m), $"{result.Actual.CostUsd} spent");
        Assert.All(result.Frames, f => Assert.Equal(SequenceFrameStatus.Rejected, f.Status));
    }

    [Fact]
    public async Task RunAsync_EveryRollRejected_StopsAtMaxRerollsAndARerunDoesNotPayAgain()
    {
        var (simulator, client) = Simulator(drift: 1);
        using var owned = client;
        using var folder = new TempFolder();
        var story = Story(2, new FrameJudging(new SimulatorIdentityJudge()) { MaxRerolls = 2 });
        var runner = new SequenceRunner(client);

        var first = await runner.RunToEndAsync(story, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);
        var second = await runner.RunToEndAsync(story, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);

        Assert.Equal(6, simulator.Recorder.ImageCalls.Count); // 2 frames × (1 + 2 re-rolls), and nothing in the rerun
        Assert.Equal(4, first.Rerolls);
        Assert.Equal(0, second.Actual.Calls);
        Assert.All(second.Frames, f => Assert.Equal((SequenceFrameStatus.Rejected, 3, true), (f.Status, f.Judgements.Count, f.FromManifest)));
        Assert.Equal(first.Frames.Select(f => f.Image!.Data.ToArray()), second.Frames.Select(f => f.Image!.Data.ToArray()));

        // A larger allowance rolls the rejected frames again, from their next roll, keeping the images they have.
        var third = await runner.RunToEndAsync(story with { Judging = story.Judging! with { MaxRerolls = 3 } }, SequenceTier.Final,
            new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);
        Assert.Equal(8, simulator.Recorder.ImageCalls.Count);
        Assert.All(third.Frames, f => Assert.Equal(4, f.Judgements.Count));
        Assert.All(third.Frames, f => Assert.Equal([1, 2, 3, 4], f.Judgements.Select(j => j.Roll)));
    }

    [Fact]
    public async Task RunAsync_RunBudget_CapsRerollsToo()
    {
        var (simulator, client) = Simulator(drift: 1);
        using var owned = client;
        using var folder = new TempFolder();
        var story = Story(1, new FrameJudging(new SimulatorIdentityJudge()) { MaxRerolls = 10 });
        var plan = new SequenceRunner(client).Plan(story);

        var result = await new SequenceRunner(client).RunToEndAsync(story with { BudgetUsd = plan.Final.CostUsd * 3.5m }, SequenceTier.Final,
            new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);

        Assert.InRange(simulator.Recorder.ImageCalls.Count, 2, 3);
        Assert.True(result.Actual.CostUsd <= plan.Final.CostUsd * 3.5m);
        Assert.Equal(SequenceFrameStatus.Rejected, Assert.Single(result.Frames).Status);
    }

    [Fact]
    public async Task RunAsync_JudgeSeesTheFrameItsReferencesAndItsBeat()
    {
        var (_, client) = Simulator(drift: 0);
        using var owned = client;
        using var folder = new TempFolder();
        var seen = new System.Collections.Concurrent.ConcurrentBag<FrameJudgingContext>();
        var judge = FrameJudges.FromCallback("spy", (context, _) =>
        {
            seen.Add(context);
            return ValueTask.FromResult(FrameJudgement.Scored(context.BeatIndex, "by beat"));
        });

        var result = await new SequenceRunner(client).RunToEndAsync(Story(5, new FrameJudging(FrameJudges.All(FrameJudges.WellFormed, judge))), SequenceTier.Final,
            new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);

        Assert.Equal(5, seen.Count);
        foreach (var context in seen)
        {
            var frame = result.Frames[context.BeatIndex];
            Assert.Equal((frame.Beat, frame.Chunk, SequenceTier.Final, ImageSize.Square1024, 1), (context.Beat, context.Chunk, context.Tier, context.RequestedSize, context.Roll));
            Assert.Equal(frame.References, context.References.Select(r => r.Label));
            Assert.Equal(frame.Image!.Data.ToArray(), context.Image.Data.ToArray());
            Assert.Equal((FrameVerdict.Scored, (double)context.BeatIndex, "well-formed+spy"), (frame.Judgement!.Verdict, frame.Judgement.Score, frame.Judgement.Judge));
        }
    }

    [Fact]
    public async Task RunAsync_MinimumScore_TurnsALowScoreIntoARejection()
    {
        var (simulator, client) = Simulator(drift: 0);
        using var owned = client;
        using var folder = new TempFolder();
        var judge = FrameJudges.FromCallback("half", (context, _) => ValueTask.FromResult(FrameJudgement.Scored(context.Roll == 1 ? 0.2 : 0.9)));

        var result = await new SequenceRunner(client).RunToEndAsync(Story(1, new FrameJudging(judge) { MinimumScore = 0.5 }), SequenceTier.Final,
            new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);

        var frame = Assert.Single(result.Frames);
        Assert.Equal((SequenceFrameStatus.Done, 1, 2), (frame.Status, frame.Rerolls, simulator.Recorder.ImageCalls.Count));
        Assert.Equal((FrameVerdict.Rejected, FrameVerdict.Scored), (frame.Judgements[0].Verdict, frame.Judgements[1].Verdict));
        Assert.Contains("below the minimum 0.5", frame.Judgements[0].Reason, StringComparison.Ordinal);
        Assert.Equal(2, frame.Judgement!.Roll);
    }

    [Theory]
    [InlineData(-1, 1)]
    [InlineData(11, 1)]
    [InlineData(2, 0)]
    [InlineData(2, 11)]
    public async Task RunAsync_BadJudgingSettings_ThrowBeforeAnyCall(int rerolls, int variants)
    {
        var (simulator, client) = Simulator(drift: 0);
        using var owned = client;
        using var folder = new TempFolder();
        var story = Story(1, new FrameJudging(FrameJudges.WellFormed) { MaxRerolls = rerolls, Variants = variants });

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => new SequenceRunner(client).RunToEndAsync(story, SequenceTier.Final,
            new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken));

        Assert.StartsWith("request.Judging.", error.ParamName, StringComparison.Ordinal);
        Assert.Empty(simulator.Recorder);
    }

    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        private readonly Lock _lock = new();

        public void Report(T value)
        {
            lock (_lock)
            {
                report(value);
            }
        }
    }
}
