using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;
using Pikumo.ImageGen.Testing;
using SkiaSharp;

namespace Pikumo.ImageGen.Imaging.Tests;

/// <summary>The preview tier end to end on the simulator: one storyboard per chunk, sliced into frames; then final for approved beats.</summary>
public sealed class PreviewSequenceTests
{
    /// <summary>Mia in the Dreamscape style over numbered beats, with a small teal reference: the preview tests' story.</summary>
    internal static SequenceRequest Story(int beats) => new(
        new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithStyle(ImageStyle.Dreamscape),
        Enumerable.Range(1, beats).Select(i => new Scene($"beat {i}")),
        [ImageInput.FromBytes(SlicingTests.Png(64, 64, SKColors.Teal))]);

    [Fact]
    public async Task RunAsync_Preview_MakesOneCompositePerChunkAndSlicesItIntoFrames()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        var folder = Directory.CreateTempSubdirectory("pikumo-preview").FullName;
        try
        {
            var runner = new SequenceRunner(client, new SkiaCompositeSlicer());

            var result = await runner.RunToEndAsync(Story(9), SequenceTier.Preview, new SequenceRunOptions { OutputDirectory = folder }, TestContext.Current.CancellationToken);

            var calls = simulator.Recorder.ImageCalls;
            Assert.Equal(2, calls.Count); // 9 beats = chunks of 5 and 4 = two composites
            Assert.Equal(2, result.Actual.Calls);
            Assert.Equal(result.Plan.Preview.Calls, result.Actual.Calls);
            Assert.Equal(9, result.Frames.Count);
            Assert.All(result.Frames, f => Assert.True(File.Exists(f.FilePath)));
            Assert.Equal(Enumerable.Repeat(0, 5).Concat(Enumerable.Repeat(1, 4)), result.Frames.Select(f => f.Chunk));
            Assert.Equal("1536x1024", calls[0].Fields["size"]);
            Assert.Equal("low", calls[0].Fields["quality"]);

            // Chunk 2's composite carries the photo, then the last frame of chunk 1 (panel 5 of the first composite).
            Assert.Equal(2, calls[1].Images.Count);
            Assert.Equal(result.Frames[4].Image!.Data.ToArray(), calls[1].Images[1].Data.ToArray());
            Assert.True(File.Exists(Path.Combine(folder, "preview", "composite-01.png")));

            // A contact sheet of the run.
            var sheet = ContactSheet.Create(result.Frames);
            Assert.True(ImageHeader.TryRead(sheet, out var info));
            Assert.Equal(ImageFormat.Png, info.Format);
            Assert.True(info.Width > 4 * 256 && info.Height > 3 * 150);

            // Approved beats go to the final tier; nothing of the preview is paid again.
            var final = await runner.RunToEndAsync(Story(9), SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder, Beats = [1, 4, 8] }, TestContext.Current.CancellationToken);
            Assert.Equal([1, 4, 8], final.Frames.Select(f => f.BeatIndex));
            Assert.Equal(5, simulator.Recorder.ImageCalls.Count);
            var again = await runner.RunToEndAsync(Story(9), SequenceTier.Preview, new SequenceRunOptions { OutputDirectory = folder }, TestContext.Current.CancellationToken);
            Assert.All(again.Frames, f => Assert.True(f.FromManifest));
            Assert.Equal(5, simulator.Recorder.ImageCalls.Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void ContactSheet_NoImages_IsRefused() =>
        Assert.Throws<ArgumentException>(() => ContactSheet.Create(Array.Empty<(ReadOnlyMemory<byte>, string)>()));
}
