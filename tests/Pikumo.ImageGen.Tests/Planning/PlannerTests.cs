using Pikumo.ImageGen.Planning;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Sequences.Judging;
using Pikumo.ImageGen.Specs;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Planning;

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
    public void Plan_EightBeats_PricesOneCompositeOrEightCallsAtTheSeedsSettings()
    {
        var plan = new SequencePlanner().Plan(Story(8) with { Final = new SequenceTierOptions { Quality = ImageQuality.Low } }, "azure.ai.openai", "gpt-image-2");

        Assert.Equal([8], plan.ChunkSizes);
        Assert.Equal(1, plan.Preview.Calls);
        Assert.InRange(plan.Preview.CostUsd, 0.066m, 0.073m); // one storyboard: the seed's $0.067, plus its longer prompt and larger canvas
        Assert.Equal(TimeSpan.FromSeconds(45.2), plan.Preview.WallClock);
        Assert.Equal(8, plan.Final.Calls);
        Assert.InRange(plan.Final.CostUsd, 8 * 0.067m, 8 * 0.071m); // eight seed-like calls, but 1536×1024 frames: 300 output tokens instead of 200
        Assert.Equal(TimeSpan.FromSeconds(39.0), plan.Final.WallClock); // low quality takes the measured time at any size
    }

    [Fact]
    public void Plan_TwentyFourBeats_ChainsThreeChunksInSeries()
    {
        var plan = new SequencePlanner().Plan(Story(24) with { Final = new SequenceTierOptions { Quality = ImageQuality.Low, Size = ImageSize.Square1024 } }, "openai", "gpt-image-2");
        var one = new SequencePlanner().Plan(Story(8) with { Final = new SequenceTierOptions { Quality = ImageQuality.Low, Size = ImageSize.Square1024 } }, "openai", "gpt-image-2");

        Assert.Equal(3, plan.Preview.Calls);
        Assert.Equal(24, plan.Final.Calls);

        // Chunks 2 and 3 carry one more reference (the chained frame): 7,270 input tokens ($0.058) and 1.45 s more per call.
        Assert.Equal(TimeSpan.FromSeconds((3 * 39.0) + (2 * 1.454)), plan.Final.WallClock);
        Assert.Equal(TimeSpan.FromSeconds((3 * 45.2) + (2 * 1.454)), plan.Preview.WallClock);
        Assert.InRange(plan.Final.CostUsd - (3 * one.Final.CostUsd), 16 * 0.0581m, 16 * 0.0600m);
    }

    [Fact]
    public void Plan_FewerParallelFramesThanTheChunk_AddsWaves()
    {
        var plan = new SequencePlanner().Plan(Story(8) with { MaxParallelFrames = 3, Final = new SequenceTierOptions { Quality = ImageQuality.Low, Size = ImageSize.Square1024 } }, "openai");

        Assert.Equal(TimeSpan.FromSeconds(3 * 39.0), plan.Final.WallClock);
    }

    [Fact]
    public void Plan_HighQualityFinalTier_TakesLongerAndCostsMoreThanLow()
    {
        var high = new SequencePlanner().Plan(Story(8), "openai"); // the default final tier: high quality, 1024×1536
        var low = new SequencePlanner().Plan(Story(8) with { Final = new SequenceTierOptions { Quality = ImageQuality.Low, Size = ImageSize.Portrait1024x1536 } }, "openai");

        // 10,550 output tokens at high against 300 at low: 9 s per 1,000 tokens, $30 per million.
        Assert.Equal(39.0 + (10.25 * 9), high.Final.WallClock.TotalSeconds, precision: 6);
        Assert.Equal(8 * 10_250 * 30m / 1_000_000m, high.Final.CostUsd - low.Final.CostUsd);
    }

    [Fact]
    public void Plan_StoryWithoutPhotos_PaysForTheGeneratedReferenceFirst()
    {
        var story = new SequenceRequest(new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production), [new Scene("a"), new Scene("b")])
        {
            ReferencePrompts = ["a neutral portrait of Mia"],
            Final = new SequenceTierOptions { Quality = ImageQuality.Low, Size = ImageSize.Square1024 },
        };

        var plan = new SequencePlanner().Plan(story, "openai");
        var withPhoto = new SequencePlanner().Plan(Story(2) with { Final = story.Final }, "openai");

        Assert.Equal(3, plan.Final.Calls);

        // The generation: 7 text tokens and one low 1024×1024 image ($0.006); the two frames as with a photo (no style block here).
        Assert.InRange(plan.Final.CostUsd, 0.006m + (2 * 0.064m), 0.006m + (2 * 0.067m));
        Assert.True(plan.Final.CostUsd < withPhoto.Final.CostUsd + 0.0061m);
        Assert.Equal(TimeSpan.FromSeconds(2 * 39.0), plan.Final.WallClock);
    }

    [Fact]
    public void Plan_JudgedStory_SaysWhatReRollsMayAddAtMost()
    {
        var judged = Story(16) with { Judging = new FrameJudging(FrameJudges.WellFormed) { MaxRerolls = 2 } };

        var plan = new SequencePlanner().Plan(judged);
        var unjudged = new SequencePlanner().Plan(Story(16));

        Assert.Equal(unjudged.Final.CostUsd, plan.Final.CostUsd);          // first calls as before
        Assert.Equal(2 * plan.Final.CostUsd, plan.Final.MaxRerollCostUsd);  // every frame rolled twice more, at its own call's cost
        Assert.Equal(2 * plan.Preview.CostUsd, plan.Preview.MaxRerollCostUsd); // every chunk's composite rolled twice more
        Assert.Equal(0m, unjudged.Final.MaxRerollCostUsd);
        Assert.Contains("re-rolls of rejected frames may add up to", plan.ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_JudgedStoryWithBudgets_CapsTheReRollsByBoth()
    {
        var judging = new FrameJudging(FrameJudges.WellFormed) { MaxRerolls = 3, RerollBudgetUsd = 0.25m };
        var first = new SequencePlanner().Plan(Story(8)).Final.CostUsd;

        Assert.Equal(0.25m, new SequencePlanner().Plan(Story(8) with { Judging = judging }).Final.MaxRerollCostUsd);
        Assert.Equal(0.10m, new SequencePlanner().Plan(Story(8) with { Judging = judging, BudgetUsd = first + 0.10m }).Final.MaxRerollCostUsd);
        Assert.Equal(0m, new SequencePlanner().Plan(Story(8) with { Judging = judging with { MaxRerolls = 0 } }).Final.MaxRerollCostUsd);
    }

    [Fact]
    public void Plan_ModelThePriceTableDoesNotList_SaysItsPriceIsUnknownInsteadOfFree()
    {
        var plan = new SequencePlanner().Plan(Story(8), "openai", "a-model-no-table-lists");
        var known = new SequencePlanner().Plan(Story(8), "openai", "gpt-image-2");

        Assert.True(plan.Final.PriceUnknown);
        Assert.True(plan.Preview.PriceUnknown);
        Assert.Equal(0m, plan.Final.CostUsd);
        Assert.Equal(8, plan.Final.Calls);                         // calls and time are planned all the same
        Assert.Equal(known.Final.WallClock, plan.Final.WallClock);
        Assert.Contains("no price", plan.ToTable(), StringComparison.Ordinal);
        Assert.Contains("no price known", plan.Final.ToString(), StringComparison.Ordinal);
        Assert.False(known.Final.PriceUnknown);
        Assert.False(new SequencePlanner().PlanCall(new ImageGenerateRequest("x")).PriceUnknown);
        Assert.True(new SequencePlanner().PlanCall(new ImageGenerateRequest("x"), model: "a-model-no-table-lists").PriceUnknown);
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
