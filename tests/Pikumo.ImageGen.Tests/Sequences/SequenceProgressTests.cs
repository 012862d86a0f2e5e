using Microsoft.Extensions.Time.Testing;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;
using static Pikumo.ImageGen.Tests.Sequences.SequenceRunnerTests;

namespace Pikumo.ImageGen.Tests.Sequences;

/// <summary>
/// Progress worth watching: the plan, each chunk, each call (started, sent, the provider's status, retries with their
/// delay), a heartbeat while calls run, each frame, the end; and a time-left estimate that follows the measured pace
/// instead of repeating the plan. Time is a fake clock: nothing waits on real time.
/// </summary>
public sealed class SequenceProgressTests
{
    [Fact]
    public async Task Final_OnAClockAtHalfThePlannedPace_ReportsEveryStepAndLearnsThePace()
    {
        var time = new FakeTimeProvider();
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0.5, Latency = { P95OverMedian = 1 } }, time);   // every call takes half the plan's time
        using var client = simulator.CreateClient();
        using var folder = new TempFolder();
        var reports = new List<SequenceProgress>();
        var story = Story(16);
        var options = new SequenceRunOptions { OutputDirectory = folder.Path, Progress = new SyncProgress<SequenceProgress>(reports.Add), ProgressInterval = TimeSpan.FromSeconds(5) };
        var plan = new SequenceRunner(client).Plan(story).Final;

        var run = new SequenceRunner(client, timeProvider: time).RunToEndAsync(story, SequenceTier.Final, options, TestContext.Current.CancellationToken);
        for (var chunk = 0; chunk < 2; chunk++)
        {
            await simulator.Recorder.WaitForWaitingCallsAsync(8, TestContext.Current.CancellationToken);
            var latency = simulator.Recorder.ImageCalls.Where(c => c.StatusCode is null).Max(c => c.SimulatedLatency!.Value);
            time.Advance(TimeSpan.FromSeconds(5));            // a heartbeat while the chunk's calls run
            time.Advance(latency - TimeSpan.FromSeconds(5));  // the calls are answered
            await simulator.Recorder.WaitForAsync(r => r.ImageCalls.Count(c => c.StatusCode is not null) == 8 * (chunk + 1), TestContext.Current.CancellationToken);
        }

        var result = await run;

        var kinds = reports.Select(r => r.Kind).ToList();
        Assert.Equal(SequenceProgressKind.RunPlanned, kinds[0]);
        Assert.Equal(SequenceProgressKind.RunFinished, kinds[^1]);
        Assert.Equal(
            [(SequenceProgressKind.ChunkStarted, 2), (SequenceProgressKind.CallStarted, 16), (SequenceProgressKind.CallSent, 16), (SequenceProgressKind.FrameLanded, 16), (SequenceProgressKind.ChunkFinished, 2)],
            new[] { SequenceProgressKind.ChunkStarted, SequenceProgressKind.CallStarted, SequenceProgressKind.CallSent, SequenceProgressKind.FrameLanded, SequenceProgressKind.ChunkFinished }.Select(k => (k, kinds.Count(x => x == k))));


        // Chunk 1's end comes after all eight of its frames; chunk 2 starts when chunk 1's chained (last) frame lands,
        // before or right after chunk 1's end (here every call takes the same time: they land together).
        var firstFinished = reports.FindIndex(r => r.Kind == SequenceProgressKind.ChunkFinished);
        Assert.Equal(0, reports[firstFinished].Chunk);
        Assert.Equal(8, reports.Take(firstFinished).Count(r => r.Kind == SequenceProgressKind.FrameLanded && r.Chunk == 0));
        var secondStarted = reports.FindLastIndex(r => r.Kind == SequenceProgressKind.ChunkStarted);
        Assert.True(secondStarted > reports.FindIndex(r => r.Kind == SequenceProgressKind.FrameLanded && r.LastFrame!.BeatIndex == 7), "after the chained frame");
        Assert.True(reports.FindIndex(r => r.Kind == SequenceProgressKind.CallStarted && r.Chunk == 1) > secondStarted, "before its calls");

        // The plan first: its time and cost.
        Assert.Equal(plan.WallClock.TotalMilliseconds, reports[0].EstimatedRemaining.TotalMilliseconds, 1.0);
        Assert.All(reports, r => Assert.Equal(plan.CostUsd, r.PlannedCostUsd));

        // Not a silent wait: a heartbeat 5 s into each chunk names the running call, its time and the plan's.
        var beats = reports.Where(r => r.Kind == SequenceProgressKind.Waiting).ToList();
        Assert.Equal(2, beats.Count(b => b.CallElapsed == TimeSpan.FromSeconds(5)));
        Assert.All(beats, b => Assert.True(b.CallsInFlight == 8 && b.Call is not null && b.CallPlanned == plan.CallLatency, b.ToString()));
        Assert.Equal((plan.WallClock - TimeSpan.FromSeconds(5)).TotalMilliseconds, beats[0].EstimatedRemaining.TotalMilliseconds, 1.0);

        // After the first chunk the estimate follows the measured pace (half the plan), not the plan.
        var afterFirst = reports.First(r => r.Kind == SequenceProgressKind.ChunkFinished);
        var actuallyLeft = reports[^1].Elapsed - afterFirst.Elapsed;
        TestContext.Current.TestOutputHelper?.WriteLine($"plan {plan.WallClock.TotalSeconds:0.0} s; after chunk 1: estimate {afterFirst.EstimatedRemaining.TotalSeconds:0.0} s, actually {actuallyLeft.TotalSeconds:0.0} s");
        Assert.InRange(afterFirst.EstimatedRemaining.TotalSeconds, actuallyLeft.TotalSeconds * 0.95, actuallyLeft.TotalSeconds * 1.05);
        Assert.Equal(TimeSpan.Zero, reports[^1].EstimatedRemaining);
        Assert.Equal(result.Actual.CostUsd, reports[^1].CostUsd);
        Assert.Equal(16, reports[^1].FramesDone);
    }

    [Fact]
    public async Task RateLimited_ReportsTheRetryWithItsDelay_ThenTheFrame()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient(configure: o =>
        {
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(20);   // caps the 2 s the 429 asks for
        });
        simulator.Faults.OnImageCalls(SimulatedFault.RateLimit(retryAfter: TimeSpan.FromSeconds(2)));
        using var folder = new TempFolder();
        var reports = new List<SequenceProgress>();

        await new SequenceRunner(client).RunToEndAsync(Story(1), SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path, Progress = new SyncProgress<SequenceProgress>(reports.Add) }, TestContext.Current.CancellationToken);

        var retry = Assert.Single(reports, r => r.Kind == SequenceProgressKind.RetryWaiting);
        Assert.Equal((TimeSpan.FromMilliseconds(20), 2, "HTTP 429", "beat 1"), (retry.RetryDelay!.Value, retry.Attempt!.Value, retry.Reason, retry.Call));
        Assert.True(reports.IndexOf(retry) < reports.FindIndex(r => r.Kind == SequenceProgressKind.FrameLanded));
    }

    [Fact]
    public async Task Resume_ReportsFramesReused_AndPlansNoTime()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var folder = new TempFolder();
        await new SequenceRunner(client).RunToEndAsync(Story(3), SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);
        var reports = new List<SequenceProgress>();

        await new SequenceRunner(client).RunToEndAsync(Story(3), SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path, Progress = new SyncProgress<SequenceProgress>(reports.Add) }, TestContext.Current.CancellationToken);

        Assert.Equal(TimeSpan.Zero, reports[0].EstimatedRemaining);
        Assert.Equal(3, reports.Count(r => r.Kind == SequenceProgressKind.FrameReused));
        Assert.DoesNotContain(reports, r => r.Kind is SequenceProgressKind.CallStarted or SequenceProgressKind.FrameLanded);
        Assert.Equal(0m, reports[^1].CostUsd);
    }

    [Fact]
    public async Task Refused_ReportsTheFrameFailed()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        simulator.Faults.OnImageCalls(SimulatedFault.ContentPolicy("violence"));
        using var folder = new TempFolder();
        var reports = new List<SequenceProgress>();

        await new SequenceRunner(client).RunToEndAsync(Story(2), SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path, Progress = new SyncProgress<SequenceProgress>(reports.Add) }, TestContext.Current.CancellationToken);

        var failed = Assert.Single(reports, r => r.Kind == SequenceProgressKind.FrameFailed);
        Assert.Equal(SequenceFrameStatus.Failed, failed.LastFrame!.Status);
        Assert.Equal((1, 1), (reports[^1].FramesDone, reports[^1].FramesFailed));
    }

    [Fact]
    public async Task Fal_ReportsTheJobIdAndTheQueueWhileItWaits()
    {
        var time = new WatchedTimeProvider();
        // A queue wait well past the 5 s heartbeat: whichever timer the clock advances first, the first poll sees IN_QUEUE.
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 1, FalQueueWait = TimeSpan.FromSeconds(30) }, time);
        using var client = simulator.CreateClient(ImageProvider.Fal);
        using var folder = new TempFolder();
        var reports = new List<SequenceProgress>();

        var run = new SequenceRunner(client, timeProvider: time).RunToEndAsync(Story(1), SequenceTier.Final,
            new SequenceRunOptions { OutputDirectory = folder.Path, Progress = new SyncProgress<SequenceProgress>(reports.Add) }, TestContext.Current.CancellationToken);
        await time.AdvanceWhileWaitingAsync(run, due => due < TimeSpan.FromMinutes(1));   // polls, the queue and the call; never a timeout
        await run;

        var sent = reports.Last(r => r.Kind == SequenceProgressKind.CallSent);
        Assert.False(string.IsNullOrEmpty(sent.RequestId), string.Join("\n", reports.Select(r => $"{r.Kind} {r.Call} {r.RequestId} {r.Status} {r.CallElapsed}")));
        var statuses = reports.Where(r => r.Kind == SequenceProgressKind.CallStatus).Select(r => r.Status).Distinct().ToList();
        Assert.Contains("IN_QUEUE", statuses);
        Assert.True(reports.IndexOf(sent) < reports.FindIndex(r => r.Kind == SequenceProgressKind.CallStatus));
        Assert.Equal(1, reports[^1].FramesDone);
    }

    [Fact]
    public async Task ProgressInterval_NotPositive_IsRefusedBeforeAnyCall()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var folder = new TempFolder();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => new SequenceRunner(client).RunToEndAsync(Story(1), SequenceTier.Final,
            new SequenceRunOptions { OutputDirectory = folder.Path, ProgressInterval = TimeSpan.Zero }, TestContext.Current.CancellationToken));

        Assert.Equal("options.ProgressInterval", error.ParamName);
        Assert.Empty(simulator.Recorder);
    }
}
