using System.Text.Json.Nodes;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Sequences.Judging;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Sequences.Judging;

/// <summary>
/// A judged run stopped at any point resumes without paying twice: an image paid for but not judged is judged for free,
/// a re-roll in flight is fetched (fal) or follows <see cref="SequenceRequest.UnknownOutcomes"/>, and an earlier roll's
/// file is never overwritten.
/// </summary>
public sealed class JudgedResumeTests
{
    private static SequenceRunOptions In(TempFolder folder) => new() { OutputDirectory = folder.Path };

    private static SequenceRequest Story(int beats, FrameJudging judging, bool fal = false) =>
        SequenceRunnerTests.Story(beats, chunkSize: 4) with
        {
            Judging = judging,
            Final = fal ? new SequenceTierOptions { Quality = ImageQuality.Low, Size = ImageSize.Square1024, InputFidelity = null } : SequenceRunnerTests.Story(1).Final,
        };

    [Fact]
    public async Task Resume_KilledBeforeTheJudgeAnswered_JudgesThePaidImagesWithoutANewCall()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var folder = new TempFolder();
        var dying = FrameJudges.FromCallback("dies", (_, _) => throw new InvalidOperationException("the process died here"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => new SequenceRunner(client).RunToEndAsync(
            Story(2, new FrameJudging(dying) { Variants = 2 }), SequenceTier.Final, In(folder), TestContext.Current.CancellationToken));
        Assert.Equal(2, simulator.Recorder.ImageCalls.Count);
        var stopped = (await SequenceRunManifest.LoadAsync(folder.Path, TestContext.Current.CancellationToken))!;
        Assert.All(stopped.Frames, e => Assert.Equal((SequenceEntryState.Done, 2, 0), (e.State, e.Candidates.Count, e.Judgements.Count)));

        var resumed = await new SequenceRunner(client).RunToEndAsync(
            Story(2, new FrameJudging(new SimulatorIdentityJudge { RejectDrift = false }) { Variants = 2 }), SequenceTier.Final, In(folder), TestContext.Current.CancellationToken);

        Assert.Equal(2, simulator.Recorder.ImageCalls.Count); // nothing paid again
        Assert.Equal((0, 0), (resumed.Actual.Calls, resumed.Rerolls));
        Assert.All(resumed.Frames, f => Assert.Equal((SequenceFrameStatus.Done, 2, true), (f.Status, f.Judgements.Count, f.FromManifest)));
        var manifest = (await SequenceRunManifest.LoadAsync(folder.Path, TestContext.Current.CancellationToken))!;
        Assert.All(manifest.Frames, e => Assert.All(e.Candidates, c => Assert.Equal("simulator-identity", c.Judgement!.Judge)));
    }

    [Fact]
    public async Task Resume_FalRerollInFlight_IsFetchedByItsJobIdAsItsOwnRoll()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0, DriftShare = 1 });
        using var client = simulator.CreateClient(ImageProvider.Fal);
        using var folder = new TempFolder();
        var story = Story(1, new FrameJudging(new SimulatorIdentityJudge()) { MaxRerolls = 1 }, fal: true);
        await new SequenceRunner(client).RunToEndAsync(story, SequenceTier.Final, In(folder), TestContext.Current.CancellationToken);
        Assert.Equal(2, simulator.Recorder.For(SimulatorRoute.FalSubmit).Count);
        var rollOne = Path.Combine(folder.Path, "final", "frame-001.png");
        var rollOneBytes = await File.ReadAllBytesAsync(rollOne, TestContext.Current.CancellationToken);

        // Make it look as if the process died while roll 2 ran on fal: its job id journaled, no image yet.
        var jobId = await EditFrameAsync(folder, entry =>
        {
            var candidates = entry["candidates"]!.AsArray();
            var second = candidates.Single(c => (int)c!["roll"]! == 2)!;
            candidates.Remove(second);
            candidates[0]!["kept"] = false;
            entry["status"] = "in_flight";
            entry["request_id"] = (string?)second["request_id"];
            entry.Remove("file");
            entry.Remove("sha256");
            entry.Remove("judgement");
            return (string)second["request_id"]!;
        });
        File.Delete(Path.Combine(folder.Path, "final", "frame-001-r2.png"));

        var resumed = await new SequenceRunner(client).RunToEndAsync(story, SequenceTier.Final, In(folder), TestContext.Current.CancellationToken);

        Assert.Equal(2, simulator.Recorder.For(SimulatorRoute.FalSubmit).Count); // fetched, never submitted again
        Assert.Contains(simulator.Recorder.For(SimulatorRoute.FalResult), r => r.FalRequestId == jobId);
        var frame = Assert.Single(resumed.Frames);
        Assert.Equal((1, 0, 0), (resumed.Recovered, resumed.Actual.Calls, resumed.PossiblyBilledTwice));
        Assert.Equal([1, 2], frame.Judgements.Select(j => j.Roll));
        Assert.Equal(rollOneBytes, await File.ReadAllBytesAsync(rollOne, TestContext.Current.CancellationToken)); // roll 1's file is roll 1's
        Assert.True(File.Exists(Path.Combine(folder.Path, "final", "frame-001-r2.png")));
        var entry = Assert.Single((await SequenceRunManifest.LoadAsync(folder.Path, TestContext.Current.CancellationToken))!.Frames);
        Assert.Equal(["final/frame-001.png", "final/frame-001-r2.png"], entry.Candidates.Select(c => c.File));
        Assert.Equal(jobId, entry.Candidates[1].RequestId);
    }

    [Theory]
    [InlineData(UnknownOutcomePolicy.Skip, 0, SequenceFrameStatus.OutcomeUnknown)]
    [InlineData(UnknownOutcomePolicy.Regenerate, 1, SequenceFrameStatus.Rejected)]
    public async Task RerollWithUnknownOutcome_StaysJournaledAsUnknownAndTheNextRunFollowsThePolicy(UnknownOutcomePolicy policy, int newCalls, SequenceFrameStatus status)
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0, DriftShare = 1 });
        simulator.Faults.OnRequest(1, SimulatedFault.TruncatedBody()); // the re-roll's answer is cut short: it may have been billed
        using var client = simulator.CreateClient();
        using var folder = new TempFolder();
        var story = Story(1, new FrameJudging(new SimulatorIdentityJudge()) { MaxRerolls = 1 });

        var first = await new SequenceRunner(client).RunToEndAsync(story, SequenceTier.Final, In(folder), TestContext.Current.CancellationToken);

        Assert.Equal(2, simulator.Recorder.ImageCalls.Count);
        Assert.Equal(SequenceFrameStatus.Rejected, Assert.Single(first.Frames).Status); // this run keeps roll 1's image
        var stopped = Assert.Single((await SequenceRunManifest.LoadAsync(folder.Path, TestContext.Current.CancellationToken))!.Frames);
        Assert.Equal(SequenceEntryState.OutcomeUnknown, stopped.State); // not forgotten: the next run must not pay for it silently
        Assert.Equal(1, Assert.Single(stopped.Candidates).Roll);

        var resumed = await new SequenceRunner(client).RunToEndAsync(story with { UnknownOutcomes = policy }, SequenceTier.Final, In(folder), TestContext.Current.CancellationToken);

        Assert.Equal(2 + newCalls, simulator.Recorder.ImageCalls.Count);
        var frame = Assert.Single(resumed.Frames);
        Assert.Equal((status, newCalls), (frame.Status, resumed.PossiblyBilledTwice));
        if (newCalls > 0)
        {
            Assert.Equal([1, 2], frame.Judgements.Select(j => j.Roll));
            Assert.True(File.Exists(Path.Combine(folder.Path, "final", "frame-001-r2.png")));
        }
    }

    private static async Task<T> EditFrameAsync<T>(TempFolder folder, Func<JsonObject, T> edit)
    {
        var path = Path.Combine(folder.Path, SequenceRunManifest.FileName);
        var manifest = JsonNode.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken))!.AsObject();
        var value = edit(manifest["frames"]!.AsArray()[0]!.AsObject());
        await File.WriteAllTextAsync(path, manifest.ToJsonString(), TestContext.Current.CancellationToken);
        return value;
    }
}
