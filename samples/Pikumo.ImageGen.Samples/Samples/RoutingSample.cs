using System.Globalization;
using Pikumo.ImageGen.Imaging;
using Pikumo.ImageGen.Planning;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Samples;

/// <summary>
/// Routing per tier (issue 20): the planner prices the 24-beat story's preview and final tiers on every candidate
/// route (gpt-image-2 on OpenAI and fal, Nano Banana 2 on Gemini and fal, FLUX.2 on fal), picks the cheapest that fits
/// each tier, and the story runs with the preview on that model and the final on gpt-image-2. Offline, every provider
/// is the simulator speaking its own wire format.
/// </summary>
public static class RoutingSample
{
    public static async Task<int> RunAsync(SampleContext context, CancellationToken cancellationToken)
    {
        var simulator = context.CreateSimulator();
        void Fast(ImageGenOptions o)
        {
            o.Fal.PollInterval = TimeSpan.FromMilliseconds(20);
            o.Fal.MaxPollInterval = TimeSpan.FromMilliseconds(100);
        }

        using var openai = simulator.CreateClient(ImageProvider.OpenAI, Fast);
        using var gemini = simulator.CreateClient(ImageProvider.Gemini, Fast);
        using var fal = simulator.CreateClient(ImageProvider.Fal, Fast);
        var folder = context.Folder("routing");
        if (context.ConfiguredProvider is not null)
        {
            context.Out.WriteLine("The routing sample runs on the simulator only (it needs three providers' keys to run for real); the plans below are the same.");
        }

        #region routing-plan
        var story = new SequenceRequest(
            new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithStyle(ImageStyle.Dreamscape),
            SequenceSample.Story.Select(beat => new Scene($"Mia {beat}")),
            [ImageInput.FromFile(SampleContext.ReferencePhoto)]);
        SequenceRouting routing = new SequencePlanner(openai.Options.Prices).Route(
            story,
            previewCandidates: [new("openai", "gpt-image-2"), new("gemini", "gemini-3.1-flash-image"), new("fal", "fal-ai/nano-banana-2"), new("fal", "fal-ai/flux-2/turbo"), new("fal", "fal-ai/flux-2-pro")],
            finalCandidates: [new("openai", "gpt-image-2"), new("fal", "gpt-image-2")]);
        Console.WriteLine(routing.ToTable());        // every candidate's cost and time per tier, the chosen ones marked
        Console.WriteLine(routing.Plan.ToTable());   // both tiers on their routes: two models, two costs
        #endregion


        #region routing-run
        var runner = new SequenceRunner(openai, new SkiaCompositeSlicer()) { RouteClients = [gemini, fal] };
        SequenceRequest routed = story.RoutedBy(routing);
        var preview = await runner.RunToEndAsync(routed, SequenceTier.Preview, new SequenceRunOptions { OutputDirectory = folder }, cancellationToken);
        var final = await runner.RunToEndAsync(routed, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder }, cancellationToken);
        #endregion

        var report = new Report(context.Out);
        foreach (var (tier, result, route) in new[] { ("preview", preview, routing.Preview), ("final", final, routing.Final) })
        {
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{tier} on {route}: {result.Frames.Count(f => f.Status == SequenceFrameStatus.Done)} frames, actual {result.Actual}"));
            report.Add($"{tier} on {route}", result.Actual.Calls, result.Frames.Count, result.Actual.CostUsd, result.Actual.WallClock);
        }

        report.Write($"{folder} (preview/ from {routing.Preview.Model}, final/ from {routing.Final.Model})");
        return 0;
    }
}
