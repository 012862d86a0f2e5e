using Pikumo.ImageGen.Planning;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;
using Pikumo.ImageGen.Testing;
using SkiaSharp;

namespace Pikumo.ImageGen.Imaging.Tests;

/// <summary>
/// Issue 20's "done when": a 24-beat story runs offline with the preview on a model that is not gpt-image (Nano Banana 2 on
/// Gemini, or FLUX.2 on fal) and the final on gpt-image-2, and the plan shows both models' costs.
/// </summary>
public sealed class TierRoutingSequenceTests
{
    private static SequenceRequest Story() => new(
        new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithStyle(ImageStyle.Dreamscape),
        Enumerable.Range(1, 24).Select(i => new Scene($"beat {i}")),
        [ImageInput.FromBytes(SlicingTests.Png(64, 64, SKColors.Teal))]);

    [Theory]
    [InlineData(ImageProvider.Gemini, "gemini", "gemini-3.1-flash-image")]
    [InlineData(ImageProvider.Fal, "fal", "fal-ai/flux-2/turbo")]
    public async Task TwentyFourBeats_PreviewOnAnotherModel_FinalOnGptImage2(ImageProvider previewProvider, string providerName, string previewModel)
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var openai = simulator.CreateClient(ImageProvider.OpenAI);
        using var previews = simulator.CreateClient(previewProvider, o =>
        {
            o.Fal.PollInterval = TimeSpan.FromMilliseconds(1);
            o.Fal.MaxPollInterval = TimeSpan.FromMilliseconds(2);
        });
        var story = Story() with { Preview = Story().Preview with { Provider = providerName, Model = previewModel } };
        var folder = Directory.CreateTempSubdirectory("pikumo-routed").FullName;
        try
        {
            var runner = new SequenceRunner(openai, new SkiaCompositeSlicer()) { RouteClients = [previews] };
            var plan = runner.Plan(story);

            var preview = await runner.RunToEndAsync(story, SequenceTier.Preview, new SequenceRunOptions { OutputDirectory = folder }, TestContext.Current.CancellationToken);
            var final = await runner.RunToEndAsync(story, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder }, TestContext.Current.CancellationToken);

            Assert.Equal((providerName, previewModel), (plan.Preview.Provider, plan.Preview.Model));
            Assert.Equal(("openai", "gpt-image-2"), (plan.Final.Provider, plan.Final.Model));
            Assert.Contains(previewModel, plan.ToTable(), StringComparison.Ordinal);
            Assert.Contains("gpt-image-2", plan.ToTable(), StringComparison.Ordinal);
            Assert.True(plan.Preview.CostUsd > 0 && plan.Final.CostUsd > 0);
            Assert.Equal(24, preview.Frames.Count);
            Assert.All(preview.Frames, f => Assert.Equal(SequenceFrameStatus.Done, f.Status));
            Assert.Equal(24, final.Frames.Count);
            Assert.All(final.Frames, f => Assert.Equal(SequenceFrameStatus.Done, f.Status));

            // Every preview composite went to the preview route (3 chunks), every final frame to OpenAI.
            var calls = simulator.Recorder.ImageCalls;
            Assert.Equal(3, calls.Count(c => c.Provider == previewProvider));
            Assert.Equal(24, calls.Count(c => c.Route == SimulatorRoute.OpenAIEdits));
            Assert.All(calls.Where(c => c.Route == SimulatorRoute.OpenAIEdits), c => Assert.Equal("high", c.Fields["quality"]));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("fal")]
    [InlineData("Fal")]
    [InlineData("FAL")]
    public void Plan_ATierNamingTheProviderByItsRegisteredNameOrInAnyCase_RunsOnThatClient(string named)
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var openai = simulator.CreateClient(ImageProvider.OpenAI);
        using var fal = simulator.CreateClient(ImageProvider.Fal);
        var runner = new SequenceRunner(openai, new SkiaCompositeSlicer()) { RouteClients = [fal] };
        var story = Story() with { Preview = Story().Preview with { Provider = named, Model = "fal-ai/flux-2/turbo" } };

        var plan = runner.Plan(story);

        Assert.Equal(("fal", "fal-ai/flux-2/turbo"), (plan.Preview.Provider, plan.Preview.Model));
        Assert.Throws<ArgumentException>(() => runner.Plan(Story() with { Preview = Story().Preview with { Provider = "fall" } }));
    }

    [Fact]
    public void Route_PicksTheCheapestFittingModelPerTier()
    {
        var story = Story();
        var planner = new SequencePlanner();
        TierRoute[] previews = [new("openai", "gpt-image-2"), new("gemini", "gemini-3.1-flash-image"), new("fal", "fal-ai/flux-2/turbo"), new("fal", "fal-ai/nano-banana-2"), new("gemini", "no-such-model")];
        TierRoute[] finals = [new("openai", "gpt-image-2"), new("fal", "gpt-image-2")];

        var routing = planner.Route(story, previews, finals);

        Assert.Equal(new TierRoute("fal", "fal-ai/flux-2/turbo"), routing.Preview); // $0.008/MP in and out
        Assert.Equal("gpt-image-2", routing.Final.Model);
        Assert.Contains(routing.Candidates, c => c.Route.Model == "no-such-model" && !c.Fits && c.Problem!.Contains("no price", StringComparison.Ordinal));
        var cheapest = routing.Candidates.Where(c => c.Tier == SequenceTier.Preview && c.Fits).Min(c => c.Plan!.CostUsd);
        Assert.Equal(cheapest, routing.Plan.Preview.CostUsd);
        var routed = story.RoutedBy(routing);
        Assert.Equal(("fal", "fal-ai/flux-2/turbo"), (routed.Preview.Provider, routed.Preview.Model?.Value));
        Assert.Contains("<- chosen", routing.ToTable(), StringComparison.Ordinal);
    }

    [Fact]
    public void Route_TooManyReferencesForAModel_DoesNotFitAndSaysWhy()
    {
        var story = new SequenceRequest(
            new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).AddSubject("Leo", IdentityLock.Production).AddSubject("Ada", IdentityLock.Production),
            Enumerable.Range(1, 12).Select(i => new Scene($"beat {i}")));

        var error = Assert.Throws<ArgumentException>(() => new SequencePlanner().Route(story, [new("gemini", "gemini-2.5-flash-image")], [new("openai", "gpt-image-2")]));

        Assert.Contains("4 references", error.Message, StringComparison.Ordinal);
        Assert.Equal("previewCandidates", error.ParamName);
    }
}
