using System.Security.Cryptography;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Sequences;

/// <summary>
/// <see cref="SequenceRunOptions.WriteFramesAsDecoded"/> (issue 18, item 4 in the runner): final frames go from the
/// answer straight to their files, the journal still records each file's hash, the next chunk chains from the file,
/// and a rerun reuses the frames as always.
/// </summary>
public sealed class SequenceDecodeToFileTests
{
    [Fact]
    public async Task RunToEndAsync_WriteFramesAsDecoded_SameFilesAndJournalNoBytesHeld()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var held = new TempFolder();
        using var decoded = new TempFolder();
        var story = SequenceRunnerTests.Story(10);

        var plain = await new SequenceRunner(client).RunToEndAsync(story, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = held.Path }, TestContext.Current.CancellationToken);
        var calls = simulator.Recorder.ImageCalls.Count;
        var result = await new SequenceRunner(client).RunToEndAsync(story, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = decoded.Path, WriteFramesAsDecoded = true }, TestContext.Current.CancellationToken);

        var manifest = (await SequenceRunManifest.LoadAsync(decoded.Path, TestContext.Current.CancellationToken))!;
        foreach (var frame in result.Frames)
        {
            Assert.Equal(SequenceFrameStatus.Done, frame.Status);
            Assert.True(frame.Image!.IsWrittenToDestination && frame.Image.Data.IsEmpty);
            var bytes = await File.ReadAllBytesAsync(frame.FilePath!, TestContext.Current.CancellationToken);
            Assert.Equal(await File.ReadAllBytesAsync(plain.Frames[frame.BeatIndex].FilePath!, TestContext.Current.CancellationToken), bytes);
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(bytes)), manifest.Frames.Single(e => e.Beat == frame.BeatIndex).Sha256);
        }

        // Chunk 2 chains from chunk 1's last frame, sent from its file.
        var last = result.Frames.Where(f => f.Chunk == 0).MaxBy(f => f.BeatIndex)!;
        var next = result.Frames.First(f => f.Chunk == 1);
        var chained = simulator.Recorder.ImageCalls.Skip(calls).First(c => SequenceRunnerTests.BeatOf(c) == next.Beat.Beat);
        Assert.Equal(await File.ReadAllBytesAsync(last.FilePath!, TestContext.Current.CancellationToken), chained.Images[^1].Data.ToArray());
        Assert.Empty(Directory.GetFiles(decoded.Path, "*.tmp", SearchOption.AllDirectories));

        var again = await new SequenceRunner(client).RunToEndAsync(story, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = decoded.Path, WriteFramesAsDecoded = true }, TestContext.Current.CancellationToken);
        Assert.All(again.Frames, f => Assert.True(f.FromManifest));
    }
}
