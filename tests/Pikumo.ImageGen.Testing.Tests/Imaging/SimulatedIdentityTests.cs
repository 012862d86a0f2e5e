using Pikumo.ImageGen.Sequences.Judging;
using Pikumo.ImageGen.Specs;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Testing.Imaging;

namespace Pikumo.ImageGen.Testing.Tests.Imaging;

/// <summary>
/// <see cref="SimulatorOptions.DriftShare"/>: the simulator makes a share of its images drift (a low identity score in the
/// PNG), draws again for a repeated request (a re-roll), the same way for the same seed; the identity judge reads it.
/// </summary>
public sealed class SimulatedIdentityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<List<(double Score, bool Drifted)>> DrawAsync(double share, int count, Func<int, string> prompt, ulong seed = SimulatorOptions.DefaultSeed)
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0, DriftShare = share, Seed = seed });
        using var client = simulator.CreateClient();
        var identities = new List<(double, bool)>();
        for (var i = 0; i < count; i++)
        {
            var result = await client.GenerateAsync(new ImageGenerateRequest(prompt(i)) { Size = ImageSize.Square1024, Quality = ImageQuality.Low }, Ct);
            Assert.True(SimulatedIdentity.TryRead(result.Images[0].Data.Span, out var score, out var drifted));
            identities.Add((score, drifted));
        }

        return identities;
    }

    [Fact]
    public async Task DriftShareZero_ImagesCarryNoScore()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();

        var result = await client.GenerateAsync(new ImageGenerateRequest("Mia at the window"), Ct);

        Assert.False(SimulatedIdentity.TryRead(result.Images[0].Data.Span, out _, out _));
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.35)]
    [InlineData(0.7)]
    public async Task DriftShare_DriftsAboutThatShareWithLowScores(double share)
    {
        var identities = await DrawAsync(share, 120, i => $"beat {i}");

        var drifted = identities.Count(x => x.Drifted);
        TestContext.Current.TestOutputHelper?.WriteLine($"share {share}: {drifted} of 120 drifted");
        Assert.InRange(drifted / 120.0, share - 0.12, share + 0.12);
        Assert.All(identities.Where(x => x.Drifted), x => Assert.InRange(x.Score, 0.25, 0.55));
        Assert.All(identities.Where(x => !x.Drifted), x => Assert.InRange(x.Score, 0.75, 0.99));
    }

    [Fact]
    public async Task RepeatedRequest_DrawsAgain_AndTheSameSeedDrawsTheSame()
    {
        var rolls = await DrawAsync(0.5, 12, _ => "the same beat, rolled again");
        var again = await DrawAsync(0.5, 12, _ => "the same beat, rolled again");
        var otherSeed = await DrawAsync(0.5, 12, _ => "the same beat, rolled again", seed: 7);

        Assert.Contains(rolls, x => x.Drifted);
        Assert.Contains(rolls, x => !x.Drifted);   // a re-roll of a drifted frame gets a fresh chance
        Assert.Equal(rolls, again);
        Assert.NotEqual(rolls, otherSeed);
    }

    [Fact]
    public async Task IdentityJudge_RejectsDriftedImagesAndScoresTheOthers()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0, DriftShare = 0.5 });
        using var client = simulator.CreateClient();
        var judge = new SimulatorIdentityJudge();
        var lenient = new SimulatorIdentityJudge { RejectDrift = false };
        var verdicts = new List<FrameVerdict>();
        for (var i = 0; i < 12; i++)
        {
            var image = (await client.GenerateAsync(new ImageGenerateRequest($"beat {i}"), Ct)).Images[0];
            Assert.True(SimulatedIdentity.TryRead(image.Data.Span, out var score, out var drifted));
            var context = new FrameJudgingContext { Image = image, Beat = new Scene($"beat {i}"), BeatIndex = i };

            var judgement = await judge.JudgeAsync(context, Ct);
            var lenientJudgement = await lenient.JudgeAsync(context, Ct);

            Assert.Equal((drifted ? FrameVerdict.Rejected : FrameVerdict.Scored, score), (judgement.Verdict, judgement.Score));
            Assert.Equal((FrameVerdict.Scored, score), (lenientJudgement.Verdict, lenientJudgement.Score));
            verdicts.Add(judgement.Verdict);
        }

        Assert.Contains(FrameVerdict.Rejected, verdicts);
        Assert.Contains(FrameVerdict.Scored, verdicts);
    }
}
