using System.Text.Json.Nodes;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Sequences;

/// <summary>The write-ahead journal: in-flight records, the unknown-outcome policy, adoption of paid files, fal fetches by id, retries and the budget.</summary>
public sealed class SequenceJournalTests
{
    private static readonly SequenceRunOptions NoOptions = new() { OutputDirectory = "unused" };

    private static SequenceRunOptions In(TempFolder folder) => NoOptions with { OutputDirectory = folder.Path };

    /// <summary>Makes a finished 3-beat run look as if the process died at a step of beat 2's call.</summary>
    private static async Task<(SequenceRunResult First, JsonObject Beat2)> KilledRunAsync(ImageGenClient client, TempFolder folder, string status, bool keepFile, bool keepRequestId = true)
    {
        var first = await new SequenceRunner(client).RunToEndAsync(SequenceRunnerTests.Story(3), SequenceTier.Final, In(folder), TestContext.Current.CancellationToken);
        var path = Path.Combine(folder.Path, SequenceManifest.FileName);
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken))!.AsObject();
        var beat2 = manifest["frames"]!.AsArray().Single(f => (int)f!["beat"]! == 1)!.AsObject();
        beat2["status"] = status;
        if (!keepRequestId)
        {
            beat2.Remove("request_id");
        }

        await File.WriteAllTextAsync(path, manifest.ToJsonString(), TestContext.Current.CancellationToken);
        if (!keepFile)
        {
            File.Delete(first.Frames[1].FilePath!);
        }

        return (first, beat2);
    }

    [Theory]
    [InlineData(UnknownOutcomePolicy.Skip, 3, SequenceFrameStatus.OutcomeUnknown, 0)]
    [InlineData(UnknownOutcomePolicy.Regenerate, 4, SequenceFrameStatus.Done, 1)]
    public async Task Resume_OpenAIFrameInFlight_FollowsThePolicyAndCountsARepeat(UnknownOutcomePolicy policy, int calls, SequenceFrameStatus status, int billedTwice)
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var folder = new TempFolder();
        await KilledRunAsync(client, folder, "in_flight", keepFile: false, keepRequestId: false);

        var resumed = await new SequenceRunner(client).RunToEndAsync(SequenceRunnerTests.Story(3) with { UnknownOutcomes = policy }, SequenceTier.Final, In(folder), TestContext.Current.CancellationToken);

        Assert.Equal(calls, simulator.Recorder.ImageCalls.Count);
        Assert.Equal(status, resumed.Frames[1].Status);
        Assert.Equal(billedTwice, resumed.PossiblyBilledTwice);
        Assert.Equal(billedTwice == 1, resumed.Frames[1].PossiblyBilledTwice);
        var manifest = await SequenceManifest.LoadAsync(folder.Path, TestContext.Current.CancellationToken);
        Assert.Equal(billedTwice, manifest!.Frames.Single(f => f.Beat == 1).PossiblyBilledTwice);
    }

    [Fact]
    public async Task Resume_UnknownOutcomeWithStop_ThrowsBeforeAnyCall()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var folder = new TempFolder();
        await KilledRunAsync(client, folder, "unknown", keepFile: false);
        File.Delete(Path.Combine(folder.Path, "final", "frame-003.png"));
        simulator.Recorder.Clear();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new SequenceRunner(client).RunToEndAsync(
            SequenceRunnerTests.Story(3) with { UnknownOutcomes = UnknownOutcomePolicy.Stop }, SequenceTier.Final, In(folder), TestContext.Current.CancellationToken));

        Assert.Contains("beat 2", error.Message, StringComparison.Ordinal);
        Assert.Empty(simulator.Recorder.ImageCalls);
    }

    [Fact]
    public async Task Resume_AnsweredImageLeftInATemporaryFile_IsAdoptedNotPaidAgain()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var folder = new TempFolder();
        var (first, _) = await KilledRunAsync(client, folder, "answered", keepFile: true);
        var file = first.Frames[1].FilePath!;
        var bytes = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
        File.Move(file, Path.Combine(Path.GetDirectoryName(file)!, $".frame-002.png.{Guid.NewGuid():N}.tmp")); // killed before the rename
        await File.WriteAllBytesAsync(Path.Combine(Path.GetDirectoryName(file)!, $".frame-002.png.{Guid.NewGuid():N}.tmp"), bytes.AsMemory(0, bytes.Length / 2), TestContext.Current.CancellationToken); // and a half-written one

        var resumed = await new SequenceRunner(client).RunToEndAsync(SequenceRunnerTests.Story(3), SequenceTier.Final, In(folder), TestContext.Current.CancellationToken);

        Assert.Equal(3, simulator.Recorder.ImageCalls.Count);
        Assert.All(resumed.Frames, f => Assert.Equal(SequenceFrameStatus.Done, f.Status));
        Assert.Equal(1, resumed.Recovered);
        Assert.Equal(bytes, await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken));
        Assert.Empty(Directory.EnumerateFiles(folder.Path, "*.tmp", SearchOption.AllDirectories));
        Assert.Equal("done", (await SequenceManifest.LoadAsync(folder.Path, TestContext.Current.CancellationToken))!.Frames.Single(f => f.Beat == 1).Status);
    }

    [Fact]
    public async Task Resume_FalJobInFlight_IsFetchedByItsIdNeverSubmittedAgain()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient(ImageProvider.Fal);
        using var folder = new TempFolder();
        var story = SequenceRunnerTests.Story(3) with { Final = new SequenceTierOptions { Quality = ImageQuality.Low, Size = ImageSize.Square1024, InputFidelity = null } };
        await new SequenceRunner(client).RunToEndAsync(story, SequenceTier.Final, In(folder), TestContext.Current.CancellationToken);
        var path = Path.Combine(folder.Path, SequenceManifest.FileName);
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken))!.AsObject();
        var beat2 = manifest["frames"]!.AsArray().Single(f => (int)f!["beat"]! == 1)!.AsObject();
        Assert.NotNull((string?)beat2["request_id"]);
        beat2["status"] = "in_flight";
        await File.WriteAllTextAsync(path, manifest.ToJsonString(), TestContext.Current.CancellationToken);
        File.Delete(Path.Combine(folder.Path, "final", "frame-002.png"));

        var resumed = await new SequenceRunner(client).RunToEndAsync(story, SequenceTier.Final, In(folder), TestContext.Current.CancellationToken);

        Assert.Equal(3, simulator.Recorder.For(SimulatorRoute.FalSubmit).Count);
        Assert.Contains(simulator.Recorder.For(SimulatorRoute.FalResult), r => r.FalRequestId == (string?)beat2["request_id"]);
        Assert.All(resumed.Frames, f => Assert.Equal(SequenceFrameStatus.Done, f.Status));
        Assert.Equal((1, 0, 0), (resumed.Recovered, resumed.PossiblyBilledTwice, resumed.Actual.Calls));
    }

    [Fact]
    public async Task Run_FalJobIdReachesTheJournalWhileTheJobRuns()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        simulator.Faults.OnRoute(SimulatorRoute.FalSubmit, SimulatedFault.FalJobNeverCompletes());
        using var client = simulator.CreateClient(ImageProvider.Fal, o =>
        {
            o.Timeout = TimeSpan.FromSeconds(2);
            o.Resilience.AttemptTimeout = TimeSpan.FromSeconds(2);
        });
        using var folder = new TempFolder();
        var story = SequenceRunnerTests.Story(1) with { Final = new SequenceTierOptions { Quality = ImageQuality.Low, Size = ImageSize.Square1024, InputFidelity = null } };

        var result = await new SequenceRunner(client).RunToEndAsync(story, SequenceTier.Final, In(folder), TestContext.Current.CancellationToken);

        var entry = Assert.Single((await SequenceManifest.LoadAsync(folder.Path, TestContext.Current.CancellationToken))!.Frames);
        Assert.Equal(("unknown", simulator.Recorder.For(SimulatorRoute.FalSubmit)[0].FalRequestId, "fal"), (entry.Status, entry.RequestId, entry.Provider));
        Assert.Equal(SequenceFrameStatus.OutcomeUnknown, Assert.Single(result.Frames).Status);
        Assert.Single(simulator.Recorder.For(SimulatorRoute.FalSubmit));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task FrameAttempts_NeverReplayAnUnknownOutcomeOrARefusal(bool contentPolicy)
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        simulator.Faults.OnImageCalls(contentPolicy ? SimulatedFault.ContentPolicy() : SimulatedFault.ConnectionReset(), times: 1);
        using var client = simulator.CreateClient();
        using var folder = new TempFolder();

        var result = await new SequenceRunner(client).RunToEndAsync(SequenceRunnerTests.Story(1) with { FrameAttempts = 3 }, SequenceTier.Final, In(folder), TestContext.Current.CancellationToken);

        Assert.Single(simulator.Recorder.ImageCalls);
        Assert.Equal(contentPolicy ? SequenceFrameStatus.Failed : SequenceFrameStatus.OutcomeUnknown, Assert.Single(result.Frames).Status);
    }

    [Fact]
    public async Task FrameAttempts_AFailureThatSurelyDidNotRun_IsTriedAgainAndTheAttemptsAreJournaled()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        simulator.Faults.OnImageCalls(SimulatedFault.ServerError(), times: 1);
        using var client = simulator.CreateClient(configure: o => o.Resilience.MaxRetryAttempts = 0); // the runner, not the pipeline, tries again
        using var folder = new TempFolder();

        var result = await new SequenceRunner(client).RunToEndAsync(SequenceRunnerTests.Story(2, parallel: 1) with { FrameAttempts = 2 }, SequenceTier.Final, In(folder), TestContext.Current.CancellationToken);

        Assert.All(result.Frames, f => Assert.Equal(SequenceFrameStatus.Done, f.Status));
        Assert.Equal(3, simulator.Recorder.ImageCalls.Count);
        var manifest = (await SequenceManifest.LoadAsync(folder.Path, TestContext.Current.CancellationToken))!;
        Assert.Equal([2, 1], manifest.Frames.OrderBy(f => f.Beat).Select(f => f.Attempts));
    }

    [Fact]
    public async Task Budget_StopsStartingCallsThatWouldPassIt()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var folder = new TempFolder();
        var runner = new SequenceRunner(client);
        var story = SequenceRunnerTests.Story(6, parallel: 1);
        var perCall = runner.Plan(story).Final.CostUsd / 6;

        var budget = perCall * 2.5m;

        var result = await runner.RunToEndAsync(story with { BudgetUsd = budget }, SequenceTier.Final, In(folder), TestContext.Current.CancellationToken);

        // Calls go one at a time here; each estimate is the plan's per-call cost or the dearest actual so far.
        Assert.NotEmpty(result.LeftForBudget);
        Assert.Equal(Enumerable.Range(6 - result.LeftForBudget.Count, result.LeftForBudget.Count), result.LeftForBudget);
        Assert.Equal(6 - result.LeftForBudget.Count, simulator.Recorder.ImageCalls.Count);
        Assert.True(result.Actual.CostUsd <= budget);
        Assert.True(result.Actual.CostUsd + Math.Max(perCall, result.Frames.Max(f => f.Cost?.Usd ?? 0m)) > budget);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => runner.RunToEndAsync(story with { BudgetUsd = -1m }, SequenceTier.Final, In(folder), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Run_SecondRunnerOnTheSameFolder_IsRefused()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var folder = new TempFolder();
        await using var first = new SequenceRunner(client).RunAsync(SequenceRunnerTests.Story(2), SequenceTier.Final, In(folder), TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        Assert.True(await first.MoveNextAsync());

        await Assert.ThrowsAsync<InvalidOperationException>(() => new SequenceRunner(client).RunToEndAsync(SequenceRunnerTests.Story(2), SequenceTier.Final, In(folder), TestContext.Current.CancellationToken));
    }
}
