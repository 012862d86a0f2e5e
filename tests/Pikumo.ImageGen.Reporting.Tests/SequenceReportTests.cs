using System.Globalization;
using Pikumo.ImageGen.Imaging;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Reporting.Tests;

/// <summary>Sequence runs on the simulator, reported from their folders and read back as a browser parses them.</summary>
public sealed class SequenceReportTests
{
    [Fact]
    public async Task Final_EveryFrameInStoryOrder_WithTheManifestsNumbers()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var folder = new ReportTempFolder();
        var ct = TestContext.Current.CancellationToken;
        var result = await new SequenceRunner(client).RunToEndAsync(Stories.Story(Stories.Beats(10)), SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path }, ct);

        var report = await SequenceReport.RecordAsync(folder.Path, result, cancellationToken: ct);
        var path = await report.WriteAsync(ct);
        var manifest = (await SequenceRunManifest.LoadAsync(folder.Path, ct))!;
        var page = Html.Parse(await File.ReadAllTextAsync(path, ct));

        var cards = page.QuerySelectorAll("#tier-final .frames article.card");
        Assert.Equal(Enumerable.Range(1, 10).Select(i => i.ToString(CultureInfo.InvariantCulture)), cards.Select(c => c.GetAttribute("data-beat")));
        foreach (var (card, entry) in cards.Zip(manifest.Frames.OrderBy(f => f.Beat)))
        {
            Assert.Contains(entry.Text.Split(" | ")[0], card.QuerySelector(".beat")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(entry.Cost?.Usd, Html.Usd(card));
            Assert.Equal(entry.Elapsed.TotalMilliseconds, Html.Ms(card), tolerance: 0.0001); // TimeSpan resolution: one tick
            Assert.Equal(entry.RequestId, card.QuerySelector(".request-id")!.TextContent);
            Assert.Equal(entry.References, card.QuerySelectorAll(".refs li").Select(li => li.TextContent));
            Assert.Equal(entry.File, Uri.UnescapeDataString(card.QuerySelector("img")!.GetAttribute("src")!));
            Assert.Equal("done", card.GetAttribute("data-status"));
        }

        var rows = page.QuerySelectorAll("#tier-final table.plan tr[data-figure]").ToDictionary(r => r.GetAttribute("data-figure")!);
        Assert.Equal(result.Plan.Final.Calls.ToString(CultureInfo.InvariantCulture), rows["calls"].GetAttribute("data-planned"));
        Assert.Equal("10", rows["calls"].GetAttribute("data-actual"));
        Assert.Equal(manifest.Frames.Sum(f => f.Cost!.Value.Usd), decimal.Parse(rows["usd"].GetAttribute("data-actual")!, CultureInfo.InvariantCulture));
        Assert.Equal(result.Actual.CostUsd, decimal.Parse(rows["usd"].GetAttribute("data-actual")!, CultureInfo.InvariantCulture));
        Assert.Equal(result.Plan.Final.CostUsd, decimal.Parse(rows["usd"].GetAttribute("data-planned")!, CultureInfo.InvariantCulture));
        Assert.Equal(result.Actual.WallClock.TotalMilliseconds, double.Parse(rows["ms"].GetAttribute("data-actual")!, CultureInfo.InvariantCulture), precision: 3);

        // A timeline bar per call, grouped by chunk (chunks of 4: 4, 4, 2).
        Assert.Equal(10, page.QuerySelectorAll("#tier-final .timeline .tl-bar").Length);
        Assert.Equal(["chunk 1", "chunk 2", "chunk 3"], page.QuerySelectorAll("#tier-final .timeline .group").Select(g => g.TextContent).Where(t => t.Length > 0));
        Html.AssertEveryImageIsAFileBeside(page, folder.Path);
        Html.AssertSelfContained(page);
    }

    [Fact]
    public async Task FromTheFolderAlone_IsTheSamePageAsRightAfterTheRun()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var folder = new ReportTempFolder();
        var ct = TestContext.Current.CancellationToken;
        var result = await new SequenceRunner(client).RunToEndAsync(Stories.Story(Stories.Beats(5)), SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path }, ct);
        var first = (await SequenceReport.RecordAsync(folder.Path, result, cancellationToken: ct)).ToHtml();

        var again = (await SequenceReport.LoadAsync(folder.Path, ct)).ToHtml();

        Assert.Equal(first, again);
    }

    [Fact]
    public async Task Preview_ShowsEachCompositeAndItsPanels_CostCountedOncePerComposite()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var folder = new ReportTempFolder();
        var ct = TestContext.Current.CancellationToken;
        var result = await new SequenceRunner(client, new SkiaCompositeSlicer()).RunToEndAsync(Stories.Story(Stories.Beats(12), chunkSize: 8), SequenceTier.Preview, new SequenceRunOptions { OutputDirectory = folder.Path }, ct);

        var report = await SequenceReport.RecordAsync(folder.Path, result, cancellationToken: ct);
        var page = Html.Parse(report.ToHtml());
        var manifest = (await SequenceRunManifest.LoadAsync(folder.Path, ct))!;

        Assert.Equal(2, page.QuerySelectorAll("#tier-preview .composites article.card").Length);
        Assert.Equal(12, page.QuerySelectorAll("#tier-preview .frames article.card").Length);
        Assert.Equal(
            manifest.Frames.OrderBy(f => f.Beat).Select(f => f.Panel),
            page.QuerySelectorAll("#tier-preview .frames article.card").Select(c => c.QuerySelector("dd")!.TextContent.Split(" · ")[1]));
        var usd = page.QuerySelector("#tier-preview tr[data-figure=usd]")!;
        Assert.Equal(manifest.Composites.Sum(c => c.Cost!.Value.Usd), decimal.Parse(usd.GetAttribute("data-actual")!, CultureInfo.InvariantCulture));
        Assert.Equal("2", page.QuerySelector("#tier-preview tr[data-figure=calls]")!.GetAttribute("data-actual"));
        Assert.Equal(2, page.QuerySelectorAll("#tier-preview .timeline .tl-bar").Length);
        Html.AssertEveryImageIsAFileBeside(page, folder.Path);
    }

    [Fact]
    public async Task StoppedAndResumed_EveryFramePaidOnce_AndTheResumedRunRecorded()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var folder = new ReportTempFolder();
        var ct = TestContext.Current.CancellationToken;
        var runner = new SequenceRunner(client);
        var story = Stories.Story(Stories.Beats(8), chunkSize: 2);
        using (var stop = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            var landed = 0;
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
            {
                await foreach (var frame in runner.RunAsync(story, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path }, stop.Token))
                {
                    if (++landed == 3)
                    {
                        await stop.CancelAsync();
                    }
                }
            });
        }

        var paidBeforeResume = simulator.Recorder.ImageCalls.Count;
        var stopped = await SequenceReport.LoadAsync(folder.Path, ct);
        Assert.Empty(stopped.Runs);
        // Frames whose call the stop cut off before it was sent are recorded as failed (not paid); every other card is a paid call.
        Assert.Equal(paidBeforeResume, Html.Parse(stopped.ToHtml()).QuerySelectorAll("#tier-final .frames article.card:not([data-status=failed])").Length);

        // Calls cut off by the stop have unknown outcomes: the resume makes them again, and counts them, by choice.
        var resumed = await runner.RunToEndAsync(story with { UnknownOutcomes = UnknownOutcomePolicy.Regenerate }, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path }, ct);
        var report = await SequenceReport.RecordAsync(folder.Path, resumed, cancellationToken: ct);
        var page = Html.Parse(report.ToHtml());

        var done = page.QuerySelectorAll("#tier-final .frames article.card[data-status=done]").Length;
        Assert.Equal(8, done);
        Assert.Equal(8 + resumed.PossiblyBilledTwice, simulator.Recorder.ImageCalls.Count);
        var run = Assert.Single(report.Runs);
        Assert.Equal(8, run.Reused + run.Calls);
        Assert.Single(page.QuerySelectorAll("table.runs tbody tr"));
    }

    [Fact]
    public async Task FailedFrame_ShowsItsErrorAndNoImage()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        simulator.Faults.When(r => r.IsImageCall && r.Prompt!.Contains("beat number 2\"", StringComparison.Ordinal), SimulatedFault.ContentPolicy(), times: 1);
        using var client = simulator.CreateClient();
        using var folder = new ReportTempFolder();
        var ct = TestContext.Current.CancellationToken;
        var result = await new SequenceRunner(client).RunToEndAsync(Stories.Story(Stories.Beats(3)), SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path }, ct);

        var page = Html.Parse((await SequenceReport.RecordAsync(folder.Path, result, cancellationToken: ct)).ToHtml());

        var failed = Assert.Single(page.QuerySelectorAll("#tier-final .frames article.card[data-status=failed]"));
        Assert.Equal("2", failed.GetAttribute("data-beat"));
        Assert.Null(failed.QuerySelector("img"));
        Assert.Equal(result.Failed[0].Error, failed.QuerySelector(".error")!.TextContent);
        Assert.Equal("2", page.QuerySelector("#tier-final tr[data-figure=calls]")!.GetAttribute("data-actual"));
    }

    [Fact]
    public async Task LoadAsync_FolderWithoutManifest_Throws()
    {
        using var folder = new ReportTempFolder();

        await Assert.ThrowsAsync<FileNotFoundException>(() => SequenceReport.LoadAsync(folder.Path, TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentException>(() => SequenceReport.LoadAsync(" ", TestContext.Current.CancellationToken));
    }
}
