using NSubstitute;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Sequences.Judging;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Sequences.Judging;

/// <summary>What the runner promises a judge, seen from a substitute judge: one call per image it paid for, with the frame's context.</summary>
public sealed class JudgeContractTests
{
    [Fact]
    public async Task RunAsync_ASubstituteJudge_IsAskedOncePerPaidImageWithItsBeatAndReferences()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var folder = new TempFolder();
        var judge = Substitute.For<IFrameJudge>();
        var rejectedOnce = 0;
#pragma warning disable CA2012 // the call configures the substitute; its ValueTask is never consumed
        judge.JudgeAsync(Arg.Any<FrameJudgingContext>(), Arg.Any<CancellationToken>()).Returns(call =>
            call.Arg<FrameJudgingContext>().BeatIndex == 2 && Interlocked.Exchange(ref rejectedOnce, 1) == 0
                ? ValueTask.FromResult(FrameJudgement.Reject("the face drifted"))
                : ValueTask.FromResult(FrameJudgement.Accept()));
#pragma warning restore CA2012
        var story = SequenceRunnerTests.Story(4, chunkSize: 4) with { Judging = new FrameJudging(judge) { MaxRerolls = 2 } };

        var result = await new SequenceRunner(client).RunToEndAsync(story, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);

        Assert.All(result.Frames, f => Assert.Equal(SequenceFrameStatus.Done, f.Status));
        Assert.Equal(5, simulator.Recorder.ImageCalls.Count); // 4 beats + 1 re-roll
        await judge.Received(5).JudgeAsync(Arg.Is<FrameJudgingContext>(c => c.Tier == SequenceTier.Final && c.References.Count > 0 && c.Image.Data.Length > 0), Arg.Any<CancellationToken>());
        await judge.Received(2).JudgeAsync(Arg.Is<FrameJudgingContext>(c => c.BeatIndex == 2), Arg.Any<CancellationToken>());
        foreach (var beat in new[] { 0, 1, 3 })
        {
            await judge.Received(1).JudgeAsync(Arg.Is<FrameJudgingContext>(c => c.BeatIndex == beat), Arg.Any<CancellationToken>());
        }
    }
}
