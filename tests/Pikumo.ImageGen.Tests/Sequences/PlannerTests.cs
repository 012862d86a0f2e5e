using Pikumo.ImageGen.Planning;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Sequences;

/// <summary>Chunking and the planner's numbers, against the seed's measurements.</summary>
public sealed class PlannerTests
{
    internal static SequenceRequest Story(int beats, int references = 1) => new(
        new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production, referenceImages: references).WithStyle(ImageStyle.Dreamscape),
        Enumerable.Range(1, beats).Select(i => new Scene($"beat {i}")),
        Enumerable.Range(0, references).Select(i => ImageInput.FromBytes(TestImages.Png(64, 64, seed: i))));

    public static TheoryData<int, int[]> Chunkings => new()
    {
        { 1, [1] },
        { 7, [7] },
        { 8, [8] },
        { 9, [5, 4] },
        { 16, [8, 8] },
        { 17, [6, 6, 5] },
        { 40, [8, 8, 8, 8, 8] },
    };

    [Theory]
    [MemberData(nameof(Chunkings))]
    public void Split_Beats_GivesTheFewestEvenChunksOfAtMostEight(int beats, int[] expected)
    {
        var chunks = SequenceChunks.Split(beats, 8);

        Assert.Equal(expected, chunks.Select(c => c.Count));
        Assert.Equal(Enumerable.Range(0, beats), chunks.SelectMany(c => Enumerable.Range(c.Start, c.Count)));
    }

    [Fact]
    public void Split_LowerChunkSize_IsHonoured() => Assert.Equal([4, 4, 4], SequenceChunks.Split(12, 4).Select(c => c.Count));

    [Fact]
    public void Plan_EightBeats_CostsTheSeedsEightImagesInOneOrEightCalls()
    {
        var plan = new SequencePlanner().Plan(Story(8) with { Final = new SequenceTierOptions { Quality = ImageQuality.Low } }, "azure.ai.openai", "gpt-image-2");

        Assert.Equal([8], plan.ChunkSizes);
        Assert.Equal(1, plan.Preview.Calls);
        Assert.Equal(0.067m, plan.Preview.CostUsd);
        Assert.Equal(TimeSpan.FromSeconds(45.2), plan.Preview.WallClock);
        Assert.Equal(8, plan.Final.Calls);
        Assert.Equal(0.536m, plan.Final.CostUsd);
        Assert.Equal(TimeSpan.FromSeconds(39.0), plan.Final.WallClock);
    }

    [Fact]
    public void Plan_TwentyFourBeats_ChainsThreeChunksInSeries()
    {
        var plan = new SequencePlanner().Plan(Story(24) with { Final = new SequenceTierOptions { Quality = ImageQuality.Low } }, "openai", "gpt-image-2");

        Assert.Equal(3, plan.Preview.Calls);
        Assert.Equal(TimeSpan.FromSeconds(3 * 45.2), plan.Preview.WallClock);
        Assert.Equal(24, plan.Final.Calls);
        Assert.Equal(TimeSpan.FromSeconds(3 * 39.0), plan.Final.WallClock);

        // Chunks 2 and 3 carry one more reference (the chained frame): 8 × 0.067 + 16 × (0.067 + 0.061).
        Assert.Equal(0.536m + (16 * 0.128m), plan.Final.CostUsd);
        Assert.Equal(0.067m + (2 * 0.128m), plan.Preview.CostUsd);
    }

    [Fact]
    public void Plan_FewerParallelFramesThanTheChunk_AddsWaves()
    {
        var plan = new SequencePlanner().Plan(Story(8) with { MaxParallelFrames = 3 }, "openai");

        Assert.Equal(TimeSpan.FromSeconds(3 * 39.0), plan.Final.WallClock);
    }

    [Fact]
    public void Plan_StoryWithoutPhotos_PaysForTheGeneratedReferenceFirst()
    {
        var story = new SequenceRequest(new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production), [new Scene("a"), new Scene("b")])
        {
            ReferencePrompts = ["a neutral portrait of Mia"],
            Final = new SequenceTierOptions { Quality = ImageQuality.Low },
        };

        var plan = new SequencePlanner().Plan(story, "openai");

        Assert.Equal(3, plan.Final.Calls);
        Assert.Equal(0.006m + (2 * 0.067m), plan.Final.CostUsd);
    }

    [Fact]
    public void ToTable_ListsBothTiers()
    {
        var table = new SequencePlanner().Plan(Story(40), "fal").ToTable();

        Assert.Contains("40 beats in 5 chunk(s) [8, 8, 8, 8, 8] on fal gpt-image-2", table, StringComparison.Ordinal);
        Assert.Contains("preview      5       5", table, StringComparison.Ordinal);
        Assert.Contains("final       40      40", table, StringComparison.Ordinal);
    }

    [Fact]
    public void SequenceRequest_NoBeats_IsRefused() =>
        Assert.Equal("beats", Assert.Throws<ArgumentException>(() => new SequenceRequest(new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production), [])).ParamName);

    [Fact]
    public void SequenceRequest_TemplateWithContinuityReference_IsRefused() =>
        Assert.Equal("template", Assert.Throws<ArgumentException>(() => new SequenceRequest(
            new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).AddContinuityReference(), [new Scene("a")])).ParamName);
}
