using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Sequences.Judging;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Reporting.Tests;

/// <summary>The judgements a judged run records in its manifest appear on the report's frame cards.</summary>
public sealed class JudgedReportTests
{
    /// <summary>A final tier of the given beats into the folder, judged by the simulator's identity score with that share of drift.</summary>
    private static async Task<(SequenceRunResult Result, ImageGenSimulator Simulator)> RunJudgedAsync(string folder, int beats, double drift, int variants = 1)
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0, DriftShare = drift });
        using var client = simulator.CreateClient();
        var story = Stories.Story(Stories.Beats(beats)) with { Judging = new FrameJudging(new SimulatorIdentityJudge()) { MaxRerolls = 3, Variants = variants } };
        var result = await new SequenceRunner(client).RunToEndAsync(story, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder }, TestContext.Current.CancellationToken);
        return (result, simulator);
    }

    [Fact]
    public async Task RecordAsync_JudgedRun_ShowsEachFramesKeptJudgement()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new ReportTempFolder();
        var (result, _) = await RunJudgedAsync(folder.Path, beats: 4, drift: 0.5);

        var page = Html.Parse((await SequenceReport.RecordAsync(folder.Path, result, cancellationToken: ct)).ToHtml());

        var cards = page.QuerySelectorAll("#tier-final .frames article.card");
        Assert.Equal(4, cards.Length);
        for (var i = 0; i < cards.Length; i++)
        {
            var judgement = result.Frames[i].Judgement!;
            var text = cards[i].QuerySelector(".judgement")!.TextContent;
            Assert.Contains("judge: simulator-identity", text, StringComparison.Ordinal);
            Assert.Contains($"verdict: {judgement.Verdict.ToString().ToLowerInvariant()}", text, StringComparison.Ordinal);
            Assert.Contains($"roll: {judgement.Roll}", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ActualFor_JudgedRunWithRerollsAndBestOfTwo_CountsEveryCallAndImageTheRunPaidFor()
    {
        var ct = TestContext.Current.CancellationToken;
        using var folder = new ReportTempFolder();
        var (result, simulator) = await RunJudgedAsync(folder.Path, beats: 6, drift: 0.6, variants: 2);

        var actual = (await SequenceReport.LoadAsync(folder.Path, ct)).ActualFor(SequenceTier.Final);

        Assert.True(result.Rerolls > 0, "the seed makes some frames drift on every image of a call");
        Assert.Equal((simulator.Recorder.ImageCalls.Count, result.Actual.Calls), (actual.Calls, actual.Calls));
        Assert.Equal(result.Actual.Images, actual.Images);
        Assert.Equal(result.Actual.CostUsd, actual.CostUsd);
    }
}
