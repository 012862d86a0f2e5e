using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Sequences;

/// <summary>First pixels inside sequences (issue 18, item 3): final frames by streaming calls, partials in the progress.</summary>
public sealed class SequenceStreamingTests
{
    [Theory]
    [InlineData(ImageProvider.OpenAI)]
    [InlineData(ImageProvider.AzureOpenAI)]
    public async Task RunAsync_PartialImages_EveryFramesPartialsArriveInTheProgressBeforeItLands(ImageProvider provider)
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient(provider);
        using var folder = new TempFolder();
        var reports = new ConcurrentQueue<SequenceProgress>();

        var result = await new SequenceRunner(client).RunToEndAsync(
            SequenceRunnerTests.Story(9) with { PartialImages = 2 }, SequenceTier.Final,
            new SequenceRunOptions { OutputDirectory = folder.Path, Progress = new Reports(reports.Enqueue) }, TestContext.Current.CancellationToken);

        Assert.All(result.Frames, f => Assert.Equal(SequenceFrameStatus.Done, f.Status));
        Assert.Equal(9, result.Actual.Calls);
        var calls = simulator.Recorder.ImageCalls;
        Assert.All(calls, c => Assert.Equal(("true", "2"), (c.Fields["stream"], c.Fields["partial_images"])));
        var ordered = reports.ToArray();
        foreach (var frame in result.Frames)
        {
            var landed = Array.FindIndex(ordered, r => r.LastFrame?.BeatIndex == frame.BeatIndex);
            var partials = ordered.Select((r, i) => (r, i)).Where(x => x.r.Partial?.BeatIndex == frame.BeatIndex).ToArray();
            Assert.Equal([0, 1], partials.Select(p => p.r.Partial!.PartialImageIndex));
            Assert.All(partials, p => Assert.True(p.i < landed, "a partial comes before its frame lands"));
            Assert.All(partials, p => Assert.Null(p.r.LastFrame));
            Assert.All(partials, p => Assert.Equal(frame.Chunk, p.r.Partial!.Chunk));
            Assert.NotEqual(frame.Image!.Data.ToArray(), partials[0].r.Partial!.Image.Data.ToArray());
            Assert.True(File.Exists(frame.FilePath));
        }

        // The chained reference still goes to the second chunk.
        Assert.Equal(2, calls.Single(c => SequenceRunnerTests.BeatOf(c) == "beat number 9").Images.Count);
    }

    [Fact]
    public async Task RunAsync_PartialImagesOnFal_MakesFramesWithPlainCallsAndSaysSo()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var logs = new CapturingLoggerProvider();
        using var client = simulator.CreateClient(ImageProvider.Fal);
        using var folder = new TempFolder();
        var reports = new ConcurrentQueue<SequenceProgress>();
        var story = SequenceRunnerTests.Story(3) with { PartialImages = 1 };
        story = story with { Final = story.Final with { InputFidelity = null } };

        var result = await new SequenceRunner(client, logger: logs.CreateLogger<SequenceRunner>()).RunToEndAsync(
            story, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path, Progress = new Reports(reports.Enqueue) }, TestContext.Current.CancellationToken);

        Assert.All(result.Frames, f => Assert.Equal(SequenceFrameStatus.Done, f.Status));
        Assert.All(reports, r => Assert.Null(r.Partial));
        Assert.Contains(logs.Lines, l => l.Contains("streams no partial images", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    public async Task RunAsync_PartialImagesOutOfRange_IsRefusedBeforeAnyCall(int partials)
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var folder = new TempFolder();

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => new SequenceRunner(client).RunToEndAsync(
            SequenceRunnerTests.Story(2) with { PartialImages = partials }, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken));

        Assert.Equal("request.PartialImages", error.ParamName);
        Assert.Empty(simulator.Recorder.ImageCalls);
    }

    private sealed class Reports(Action<SequenceProgress> report) : IProgress<SequenceProgress>
    {
        public void Report(SequenceProgress value) => report(value);
    }
}
