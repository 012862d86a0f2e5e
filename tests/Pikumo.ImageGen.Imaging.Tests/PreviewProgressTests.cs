using Microsoft.Extensions.Time.Testing;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Imaging.Tests;

/// <summary>The preview tier's progress: one call per chunk, so the plan's time is per composite and the estimate learns from the first.</summary>
public sealed class PreviewProgressTests
{
    [Fact]
    public async Task Preview_StartsFromThePlan_AndAfterTheFirstCompositeFollowsItsPace()
    {
        var time = new FakeTimeProvider();
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0.25, Latency = { P95OverMedian = 1 } }, time);   // composites at a quarter of the plan's time
        using var client = simulator.CreateClient();
        var folder = Directory.CreateTempSubdirectory("pikumo-preview-progress").FullName;
        try
        {
            var story = PreviewSequenceTests.Story(16);
            var reports = new List<SequenceProgress>();
            var runner = new SequenceRunner(client, new SkiaCompositeSlicer(), timeProvider: time);
            var plan = runner.Plan(story).Preview;

            var run = runner.RunToEndAsync(story, SequenceTier.Preview, new SequenceRunOptions { OutputDirectory = folder, Progress = new Sync(reports.Add), ProgressInterval = Timeout.InfiniteTimeSpan }, TestContext.Current.CancellationToken);
            for (var chunk = 1; chunk <= 2; chunk++)
            {
                await simulator.Recorder.WaitForWaitingCallsAsync(1, TestContext.Current.CancellationToken);
                time.Advance(simulator.Recorder.ImageCalls[^1].SimulatedLatency!.Value);
                await simulator.Recorder.WaitForAsync(r => r.ImageCalls.Count(c => c.StatusCode is not null) == chunk, TestContext.Current.CancellationToken);
            }

            await run;

            Assert.Equal(plan.WallClock.TotalMilliseconds, reports[0].EstimatedRemaining.TotalMilliseconds, 1.0);
            var afterFirst = reports.First(r => r.Kind == SequenceProgressKind.ChunkFinished);
            var actuallyLeft = reports[^1].Elapsed - afterFirst.Elapsed;
            Assert.InRange(afterFirst.EstimatedRemaining.TotalSeconds, actuallyLeft.TotalSeconds * 0.95, actuallyLeft.TotalSeconds * 1.05);
            Assert.Equal(16, reports.Count(r => r.Kind == SequenceProgressKind.FrameLanded));
            Assert.Equal(2, reports.Count(r => r.Kind == SequenceProgressKind.CallStarted));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class Sync(Action<SequenceProgress> report) : IProgress<SequenceProgress>
    {
        public void Report(SequenceProgress value) => report(value);
    }
}
