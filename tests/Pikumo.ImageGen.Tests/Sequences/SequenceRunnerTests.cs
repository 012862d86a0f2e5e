using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Sequences;

/// <summary>The final tier on the simulator: chunks, chained references, parallelism, resume and faults.</summary>
public sealed class SequenceRunnerTests
{
    private static readonly byte[] Photo = TestImages.Png(96, 96, seed: 42);

    internal static SequenceRequest Story(int beats, int chunkSize = 8, int parallel = 8) => new(
        new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithStyle(ImageStyle.Dreamscape),
        Enumerable.Range(1, beats).Select(i => new Scene($"beat number {i}")),
        [ImageInput.FromBytes(Photo, "mia.png")])
    {
        ChunkSize = chunkSize,
        MaxParallelFrames = parallel,
        Final = new SequenceTierOptions { Quality = ImageQuality.Low, Size = ImageSize.Square1024 },
    };

    /// <summary>The beat a recorded call was for, read back from its JSON prompt.</summary>
    internal static string BeatOf(RecordedRequest request)
    {
        using var prompt = JsonDocument.Parse(request.Prompt!);
        return prompt.RootElement.GetProperty("scene").GetProperty("beat").GetString()!;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(16)]
    [InlineData(17)]
    [InlineData(40)]
    public async Task RunAsync_Final_ChainsEachChunkFromTheLastFrameOfTheOneBefore(int beats)
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var folder = new TempFolder();
        var runner = new SequenceRunner(client);

        var result = await runner.RunToEndAsync(Story(beats), SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);

        Assert.Equal(beats, result.Frames.Count);
        Assert.All(result.Frames, f => Assert.Equal(SequenceFrameStatus.Done, f.Status));
        var chunks = SequenceChunks.Split(beats, 8);
        var calls = simulator.Recorder.ImageCalls;
        Assert.Equal(beats, calls.Count);
        foreach (var call in calls)
        {
            var beat = int.Parse(BeatOf(call)["beat number ".Length..], System.Globalization.CultureInfo.InvariantCulture) - 1;
            var chunk = result.Frames[beat].Chunk;
            Assert.Equal(Photo, call.Images[0].Data.ToArray()); // the original photo always comes first
            if (chunk == 0)
            {
                Assert.Single(call.Images);
                continue;
            }

            // ...then the last frame of the previous chunk, and the prompt names it as image 2.
            Assert.Equal(2, call.Images.Count);
            var previousLast = chunks[chunk - 1].Start + chunks[chunk - 1].Count - 1;
            Assert.Equal(result.Frames[previousLast].Image!.Data.ToArray(), call.Images[1].Data.ToArray());
            using var prompt = JsonDocument.Parse(call.Prompt!);
            var reference = prompt.RootElement.GetProperty("references")[1];
            Assert.Equal((2, "continuity_reference"), (reference.GetProperty("image").GetInt32(), reference.GetProperty("role").GetString()));
        }

        Assert.Equal(chunks.Select(c => c.Count), result.Frames.GroupBy(f => f.Chunk).Select(g => g.Count()));
        Assert.All(result.Frames, f => Assert.True(File.Exists(f.FilePath)));
        Assert.All(result.Frames.Where(f => f.Chunk > 0), f => Assert.Contains(f.References, r => r.StartsWith("frame ", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task RunAsync_TwentyFourFrames_TakeThreeChunkLatenciesNotTwentyFourAndNeverOverlap()
    {
        var time = new FakeTimeProvider();
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 1, Latency = { P95OverMedian = 1 } }, time);
        var counting = new ConcurrencyCountingHandler(simulator.CreateHandler());
        var options = simulator.CreateOptions();
        using var client = new ImageGenClient(options, new HttpClient(counting), timeProvider: time);
        using var folder = new TempFolder();
        var runner = new SequenceRunner(client, timeProvider: time);
        var started = time.GetUtcNow();

        var run = runner.RunToEndAsync(Story(24), SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);
        await FakeClockDriver.DriveAsync(time, simulator.Recorder, run, ScheduleSimulation.InFlight(simulator.Recorder, Story(24)));

        var result = await run;
        var elapsed = time.GetUtcNow() - started;
        var bound = 3 * simulator.Options.Latency.SingleImage.TotalSeconds;
        TestContext.Current.TestOutputHelper?.WriteLine($"24 frames: planned {result.Plan.Final.WallClock.TotalSeconds:0.0} s, simulated {elapsed.TotalSeconds:0.0} s, max {counting.MaxInFlight} in flight");
        Assert.InRange(elapsed.TotalSeconds, bound, bound * 1.05);
        Assert.Equal(8, counting.MaxInFlight);
        var calls = simulator.Recorder.ImageCalls;
        for (var chunk = 1; chunk < 3; chunk++)
        {
            // Every call of chunk k starts after every call of chunk k-1 was answered.
            var current = calls.Where(c => result.Frames.Any(f => f.Chunk == chunk && BeatOf(c) == f.Beat.Beat)).Min(c => c.ReceivedAt);
            Assert.True(current >= calls.Where(c => result.Frames.Any(f => f.Chunk == chunk - 1 && BeatOf(c) == f.Beat.Beat)).Max(c => c.ReceivedAt));
        }
    }

    [Fact]
    public async Task RunAsync_ParallelLimit_IsNeverExceeded()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0.001 });
        var counting = new ConcurrencyCountingHandler(simulator.CreateHandler());
        using var client = new ImageGenClient(simulator.CreateOptions(), new HttpClient(counting));
        using var folder = new TempFolder();

        await new SequenceRunner(client).RunToEndAsync(Story(8, parallel: 3), SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);

        Assert.InRange(counting.MaxInFlight, 1, 3);
    }

    [Fact]
    public async Task RunAsync_CancelledThenResumed_NeverRequestsAFrameTwiceAndKeepsTheManifestValid()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var folder = new TempFolder();
        var runner = new SequenceRunner(client);
        var story = Story(24) with { UnknownOutcomes = UnknownOutcomePolicy.Regenerate }; // a call cancelled after it was sent may have been billed
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var seen = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var frame in runner.RunAsync(story, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path }, cts.Token))
            {
                if (++seen == 10)
                {
                    await cts.CancelAsync(); // in chunk 2 of 3
                }
            }
        });
        var manifest = await SequenceManifest.LoadAsync(folder.Path, TestContext.Current.CancellationToken);
        Assert.NotNull(manifest);
        var doneBefore = manifest.Frames.Count(f => f.Status == "done");
        Assert.InRange(doneBefore, 10, 16);

        var resumed = await runner.RunToEndAsync(story, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);

        Assert.Equal(24, resumed.Frames.Count(f => f.Status == SequenceFrameStatus.Done));
        Assert.Equal(doneBefore, resumed.Frames.Count(f => f.FromManifest));
        var perBeat = simulator.Recorder.ImageCalls.GroupBy(BeatOf).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(24, perBeat.Count);
        Assert.All(perBeat, beat => Assert.InRange(beat.Value, 1, resumed.Frames.Single(f => f.Beat.Beat == beat.Key).PossiblyBilledTwice ? 2 : 1));
        Assert.Equal(24 - doneBefore, resumed.Actual.Calls);
    }

    [Fact]
    public async Task RunAsync_CorruptedFrameFile_IsMadeAgainOnResume()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var folder = new TempFolder();
        var runner = new SequenceRunner(client);
        var first = await runner.RunToEndAsync(Story(3), SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);
        await File.WriteAllBytesAsync(first.Frames[1].FilePath!, [1, 2, 3], TestContext.Current.CancellationToken);

        var second = await runner.RunToEndAsync(Story(3), SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);

        Assert.Equal([true, false, true], second.Frames.Select(f => f.FromManifest));
        Assert.Equal(4, simulator.Recorder.ImageCalls.Count);
    }

    [Fact]
    public async Task RunAsync_FaultInOneFrame_FailsThatFrameAloneAndAResumeRetriesOnlyIt()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        simulator.Faults.When(r => r.IsImageCall && r.Prompt!.Contains("beat number 3\"", StringComparison.Ordinal), SimulatedFault.ContentPolicy(), times: 1);
        using var client = simulator.CreateClient();
        using var folder = new TempFolder();
        var runner = new SequenceRunner(client);

        var first = await runner.RunToEndAsync(Story(5), SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);

        var failed = Assert.Single(first.Failed);
        Assert.Equal(2, failed.BeatIndex);
        Assert.Contains("safety", failed.Error!, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(4, first.Frames.Count(f => f.Status == SequenceFrameStatus.Done));
        var manifest = await SequenceManifest.LoadAsync(folder.Path, TestContext.Current.CancellationToken);
        Assert.Equal("failed", manifest!.Frames.Single(f => f.Beat == 2).Status);

        var second = await runner.RunToEndAsync(Story(5), SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);

        Assert.Empty(second.Failed);
        Assert.Equal(1, second.Actual.Calls);
    }

    [Fact]
    public async Task RunAsync_FrameAttempts_RetriesAFailureThatSurelyDidNotRun()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        simulator.Faults.OnImageCalls(SimulatedFault.ServerError(System.Net.HttpStatusCode.ServiceUnavailable), times: 1);
        using var client = simulator.CreateClient(configure: o => o.Resilience.MaxRetryAttempts = 0);
        using var folder = new TempFolder();

        var result = await new SequenceRunner(client).RunToEndAsync(Story(1) with { FrameAttempts = 2 }, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);

        Assert.Empty(result.Failed);
        Assert.Equal(2, simulator.Recorder.ImageCalls.Count);
    }

    [Fact]
    public async Task RunAsync_ApprovedBeatsOnly_RendersThoseInChainedChunks()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var folder = new TempFolder();

        var result = await new SequenceRunner(client).RunToEndAsync(Story(20), SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path, Beats = [19, 0, 5, 6, 7, 8, 9, 10, 11, 12] }, TestContext.Current.CancellationToken);

        Assert.Equal([0, 5, 6, 7, 8, 9, 10, 11, 12, 19], result.Frames.Select(f => f.BeatIndex));
        Assert.Equal([0, 0, 0, 0, 0, 1, 1, 1, 1, 1], result.Frames.Select(f => f.Chunk));
        Assert.Equal(10, result.Plan.Beats);
    }

    [Fact]
    public async Task RunAsync_ProgressReportsCountsCostAndTimeLeft()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var folder = new TempFolder();
        var reports = new List<SequenceProgress>();

        await new SequenceRunner(client).RunToEndAsync(Story(9), SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path, Progress = new SyncProgress<SequenceProgress>(reports.Add) }, TestContext.Current.CancellationToken);

        reports = [.. reports.Where(r => r.Kind == SequenceProgressKind.FrameLanded)];
        Assert.Equal(9, reports.Count);
        Assert.Equal(Enumerable.Range(1, 9), reports.Select(r => r.FramesDone));
        Assert.All(reports, r => Assert.Equal((9, 2), (r.FramesTotal, r.ChunksTotal)));
        Assert.True(reports[^1].CostUsd > reports[0].CostUsd);
        Assert.Equal(1, reports[^1].ChunksDone);
    }

    [Fact]
    public async Task RunAsync_PreviewWithoutASlicer_FailsBeforeAnyCallNamingThePackage()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var folder = new TempFolder();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            new SequenceRunner(client).RunToEndAsync(Story(8), SequenceTier.Preview, new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken));

        Assert.Contains("Pikumo.ImageGen.Imaging", error.Message, StringComparison.Ordinal);
        Assert.Empty(simulator.Recorder);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(9)]
    public async Task RunAsync_ChunkSizeOutsideTheCoherenceCeiling_IsRefused(int chunkSize)
    {
        var simulator = new ImageGenSimulator();
        using var client = simulator.CreateClient();
        using var folder = new TempFolder();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            new SequenceRunner(client).RunToEndAsync(Story(8) with { ChunkSize = chunkSize }, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken));

        Assert.Equal("request.ChunkSize", error.ParamName);
    }

    [Fact]
    public async Task RunAsync_WithoutPhotos_GeneratesTheReferenceOnceAndEditsFromIt()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var folder = new TempFolder();
        var story = new SequenceRequest(new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production), [new Scene("a"), new Scene("b")])
        {
            ReferencePrompts = ["a neutral studio portrait of Mia, a young woman with a black bob"],
            Final = new SequenceTierOptions { Quality = ImageQuality.Low, Size = ImageSize.Square1024 },
        };

        await new SequenceRunner(client).RunToEndAsync(story, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);
        await new SequenceRunner(client).RunToEndAsync(story, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);

        var generations = simulator.Recorder.Where(r => r.Route == SimulatorRoute.OpenAIGenerations).ToArray();
        var generated = Assert.Single(generations);
        var edits = simulator.Recorder.Where(r => r.Route == SimulatorRoute.OpenAIEdits).ToArray();
        Assert.Equal(2, edits.Length);
        Assert.True(File.Exists(Path.Combine(folder.Path, "references", "reference-1.png")));
    }

    internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
