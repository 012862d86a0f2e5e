using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Sequences;

/// <summary>A cast per beat in a sequence: only the photos of who appears go up, plus the chained frame.</summary>
public sealed class SequenceCastTests
{
    private static readonly byte[] Mia = TestImages.Png(96, 96, seed: 1);
    private static readonly byte[] Biscuit = TestImages.Png(96, 96, seed: 2);

    [Fact]
    public async Task RunAsync_FinalTier_SendsEachBeatOnlyItsCastsPhotosAndTheContinuityFrame()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var folder = new TempFolder();
        var story = new SequenceRequest(
            new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).AddCreature("Biscuit"),
            [
                new Scene("Mia walks Biscuit to the park").WithCast("Mia", "Biscuit"),
                new Scene("Biscuit naps on the rug").WithCast("Biscuit"),
                new Scene("Mia reads in bed").WithCast("Mia").Wearing("Mia", "blue pyjamas"),
            ],
            [ImageInput.FromBytes(Mia, "mia.png"), ImageInput.FromBytes(Biscuit, "biscuit.png")])
        {
            ChunkSize = 2,
            Final = new SequenceTierOptions { Quality = ImageQuality.Low, Size = ImageSize.Square1024 },
        };

        var result = await new SequenceRunner(client).RunToEndAsync(story, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);

        Assert.All(result.Frames, f => Assert.Equal(SequenceFrameStatus.Done, f.Status));
        var sent = simulator.Recorder.ImageCalls.ToDictionary(SequenceRunnerTests.BeatOf, c => c.Images.Select(i => i.Data.ToArray()).ToArray());
        Assert.Equal([Mia, Biscuit], sent["Mia walks Biscuit to the park"]);
        Assert.Equal([Biscuit], sent["Biscuit naps on the rug"]);
        var bedtime = sent["Mia reads in bed"];
        Assert.Equal(2, bedtime.Length);
        Assert.Equal(Mia, bedtime[0]);
        Assert.Equal(result.Frames[1].Image!.Data.ToArray(), bedtime[1]); // chunk 2 chains from chunk 1's last frame
        Assert.Equal(2, result.Frames[2].References.Count);
        Assert.Single(result.Frames[1].References);
    }
}
