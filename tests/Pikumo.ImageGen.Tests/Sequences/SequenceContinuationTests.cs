using System.Text.Json;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;
using Pikumo.ImageGen.Tests.Specs;

namespace Pikumo.ImageGen.Tests.Sequences;

/// <summary>Stories that continue: a second part starts from the last frame of the first, and its manifest says so.</summary>
public sealed class SequenceContinuationTests
{
    private static readonly byte[] Photo = TestImages.Png(96, 96, seed: 42);

    private static SequenceRequest PartTwo(SequenceContinuation from) => new SequenceRequest(
        new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithStyle(ImageStyle.Dreamscape),
        Enumerable.Range(1, 5).Select(i => new Scene($"part two, beat {i}")),
        [ImageInput.FromBytes(Photo, "mia.png")])
    {
        ChunkSize = 4,
        ContinueFrom = from,
        Final = new SequenceTierOptions { Quality = ImageQuality.Low, Size = ImageSize.Square1024 },
    };

    [Fact]
    public async Task RunAsync_ContinuedStory_StartsFromTheEarlierRunsLastFrameAndRecordsWhichRun()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var one = new TempFolder();
        using var two = new TempFolder();
        var runner = new SequenceRunner(client);
        var partOne = await runner.RunToEndAsync(SequenceRunnerTests.Story(6), SequenceTier.Final, new SequenceRunOptions { OutputDirectory = one.Path }, TestContext.Current.CancellationToken);
        simulator.Recorder.Clear();

        var from = await SequenceContinuation.FromRunAsync(one.Path, cancellationToken: TestContext.Current.CancellationToken);
        var partTwo = await runner.RunToEndAsync(PartTwo(from), SequenceTier.Final, new SequenceRunOptions { OutputDirectory = two.Path }, TestContext.Current.CancellationToken);

        var last = partOne.Frames[^1].Image!.Data.ToArray();
        var manifestOne = (await SequenceRunManifest.LoadAsync(one.Path, TestContext.Current.CancellationToken))!;
        var manifestTwo = (await SequenceRunManifest.LoadAsync(two.Path, TestContext.Current.CancellationToken))!;
        Assert.NotNull(manifestOne.RunId);
        Assert.Null(manifestOne.Continues);
        Assert.NotEqual(manifestOne.RunId, manifestTwo.RunId);
        var continues = manifestTwo.Continues!;
        Assert.Equal((manifestOne.RunId, one.Path, (SequenceTier?)SequenceTier.Final, (int?)5, "final/frame-006.png", true),
            (continues.RunId, continues.Folder, continues.Tier, continues.Beat, continues.File, continues.IsFromRun));
        Assert.Equal(from.Source.Sha256, continues.Sha256);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(last)), continues.Sha256);

        // The first chunk (beats 1-3 of 5 split 3 + 2) carries the photo, then part one's last frame as a continuity reference.
        foreach (var call in simulator.Recorder.ImageCalls)
        {
            var frame = partTwo.Frames.Single(f => f.Beat.Beat == SequenceRunnerTests.BeatOf(call));
            Assert.Equal(2, call.Images.Count);
            Assert.Equal(Photo, call.Images[0].Data.ToArray());
            var expected = frame.Chunk == 0 ? last : partTwo.Frames.Last(f => f.Chunk == 0).Image!.Data.ToArray();
            Assert.Equal(expected, call.Images[1].Data.ToArray());
            using var prompt = JsonDocument.Parse(call.Prompt!);
            var note = prompt.RootElement.GetProperty("references")[1].GetProperty("note").GetString();
            Assert.Equal(frame.Chunk == 0 ? SequenceContinuation.DefaultNote : PromptSpecBuilder.DefaultContinuityNote, note);
            Assert.Equal(frame.Chunk == 0 ? (continues.RunId, continues.Beat, continues.Sha256) : default, frame.ContinuedFrom is { } c ? (c.RunId, c.Beat, c.Sha256) : default);
        }

        var first = simulator.Recorder.ImageCalls.Single(c => SequenceRunnerTests.BeatOf(c) == "part two, beat 1");
        GoldenFile.AssertMatches("story-continued-first-frame-sent.json", first.Prompt!);
        Assert.Contains(partTwo.Frames[0].References, r => r.StartsWith("frame 6 of the story this continues (final, run ", StringComparison.Ordinal));
        Assert.Equal(partTwo.Plan.Final.CostUsd, new SequenceRunner(client).Plan(PartTwo(from)).Final.CostUsd);
    }

    [Fact]
    public async Task RunAsync_FolderThatContinuesAnotherImage_IsRefusedBeforeAnyCall()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var folder = new TempFolder();
        var runner = new SequenceRunner(client);
        await runner.RunToEndAsync(PartTwo(SequenceContinuation.FromImage(TestImages.Png(64, 64, seed: 1), "a.png")), SequenceTier.Final,
            new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);
        simulator.Recorder.Clear();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RunToEndAsync(
            PartTwo(SequenceContinuation.FromImage(TestImages.Png(64, 64, seed: 2), "b.png")), SequenceTier.Final,
            new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken));

        Assert.Contains("continues another image (a.png", error.Message, StringComparison.Ordinal);
        var recorded = (await SequenceRunManifest.LoadAsync(folder.Path, TestContext.Current.CancellationToken))!.Continues!;
        Assert.Equal(("a.png", false, (int?)null, (SequenceTier?)null, SequenceContinuation.DefaultNote), (recorded.File, recorded.IsFromRun, recorded.Beat, recorded.Tier, recorded.Note));
        Assert.Empty(simulator.Recorder);
        var again = await runner.RunToEndAsync(PartTwo(SequenceContinuation.FromImage(TestImages.Png(64, 64, seed: 1), "a.png")), SequenceTier.Final,
            new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);
        Assert.All(again.Frames, f => Assert.True(f.FromManifest)); // the same image resumes
    }

    [Fact]
    public async Task FromRunAsync_ChangedOrMissingFrames_AreRefused()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var folder = new TempFolder();
        using var empty = new TempFolder();
        var result = await new SequenceRunner(client).RunToEndAsync(SequenceRunnerTests.Story(2), SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);

        var chosen = await SequenceContinuation.FromRunAsync(folder.Path, beat: 0, cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(result.Frames[0].Image!.Data.ToArray(), chosen.Image.ToArray());
        await Assert.ThrowsAsync<InvalidOperationException>(() => SequenceContinuation.FromRunAsync(empty.Path, cancellationToken: TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<InvalidOperationException>(() => SequenceContinuation.FromRunAsync(folder.Path, tier: SequenceTier.Preview, cancellationToken: TestContext.Current.CancellationToken));
        await File.WriteAllBytesAsync(result.Frames[1].FilePath!, TestImages.Png(32, 32, seed: 9), TestContext.Current.CancellationToken);
        var changed = await Assert.ThrowsAsync<InvalidOperationException>(() => SequenceContinuation.FromRunAsync(folder.Path, cancellationToken: TestContext.Current.CancellationToken));
        Assert.Contains("no longer the frame", changed.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("image", () => SequenceContinuation.FromImage("not an image"u8.ToArray()));
        await Assert.ThrowsAsync<ArgumentException>("folder", () => SequenceContinuation.FromRunAsync(" ", cancellationToken: TestContext.Current.CancellationToken));
    }
}
