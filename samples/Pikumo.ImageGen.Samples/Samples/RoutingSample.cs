using System.Globalization;
using Pikumo.ImageGen.Imaging;
using Pikumo.ImageGen.Planning;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Samples;

/// <summary>
/// Routing per tier: the planner prices the 24-beat story's preview and final tiers on every candidate route
/// (gpt-image-2 on OpenAI and fal, Nano Banana 2 on Gemini and fal, FLUX.2 on fal), picks the cheapest that fits each
/// tier, and the story runs with the preview on that model and the final on gpt-image-2. It runs on the simulator only
/// (a real run needs three providers' keys): every provider is the simulator speaking its own wire format.
/// </summary>
public static class RoutingSample
{
    /// <summary>The command line's view of this sample.</summary>
    public static SampleDefinition Definition { get; } = new()
    {
        Name = "routing",
        Description = "A 24-beat story routed per tier: the planner's table of every route, then the preview on the cheapest fitting model and the final on gpt-image-2 (simulator only).",
        PaidCalls = 0,
        LiveProvidersFor = (_, _) => [],
        RunAsync = (context, _, cancellationToken) => RunAsync(context, cancellationToken),
    };

    public static async Task<int> RunAsync(SampleContext context, CancellationToken cancellationToken)
    {
        var simulator = context.CreateSimulator();
        void Fast(ImageGenOptions o)
        {
            o.Fal.PollInterval = TimeSpan.FromMilliseconds(20);
            o.Fal.MaxPollInterval = TimeSpan.FromMilliseconds(100);
        }

        // The final tier runs on --provider's gpt-image-2 (Gemini's own model on gemini); the preview on whichever route is cheapest.
        var target = context.Target;
        using var main = simulator.CreateClient(target.ToImageProvider(), o =>
        {
            target.Apply(o);
            Fast(o);
        }, context.LoggerFactory);
        using var gemini = simulator.CreateClient(ImageProvider.Gemini, Fast, context.LoggerFactory);
        using var fal = simulator.CreateClient(ImageProvider.Fal, Fast, context.LoggerFactory);
        ImageGenClient[] others = [.. new[] { gemini, fal }.Where(c => c.ProviderName != main.ProviderName)];
        var folder = context.Folder("routing");
        context.Out.WriteLine($"A {SequenceSample.Story.Length}-beat story routed per tier on the offline simulator, speaking {target.Name()} for the final tier and gemini and fal beside it (latency scale {context.LatencyScale}; nothing is billed).");

        var story = new SequenceRequest(
            new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithStyle(ImageStyle.Dreamscape),
            SequenceSample.Story.Select(beat => new Scene($"Mia {beat}")),
            [ImageInput.FromFile(SampleContext.ReferencePhoto)]);
        var mainModel = main.GetCapabilities().Model;
        TierRoute[] previewCandidates = [new(main.ProviderName, mainModel), new("gemini", "gemini-3.1-flash-image"), new("fal", "fal-ai/nano-banana-2"), new("fal", "fal-ai/flux-2/turbo"), new("fal", "fal-ai/flux-2-pro")];
        SequenceRouting routing = new SequencePlanner(main.Options.Prices).Route(story, previewCandidates.Distinct(), finalCandidates: [new(main.ProviderName, mainModel)]);
        context.Out.WriteLine(routing.ToTable());        // every candidate's cost and time per tier, the chosen ones marked
        context.Out.WriteLine(routing.Plan.ToTable());   // both tiers on their routes: two models, two costs

        var runner = new SequenceRunner(main, new SkiaCompositeSlicer()) { RouteClients = others };
        SequenceRequest routed = story.RoutedBy(routing);
        var preview = await runner.RunToEndAsync(routed, SequenceTier.Preview, new SequenceRunOptions { OutputDirectory = folder }, cancellationToken);
        var final = await runner.RunToEndAsync(routed, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder }, cancellationToken);

        var report = new Report(context.Out);
        foreach (var (tier, result, route) in new[] { ("preview", preview, routing.Preview), ("final", final, routing.Final) })
        {
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{tier} on {route}: {result.Frames.Count(f => f.Status == SequenceFrameStatus.Done)} frames, actual {result.Actual}"));
            report.Add($"{tier} on {route}", result.Actual.Calls, result.Actual.Images, result.Actual.CostUsd, result.Actual.WallClock);   // images paid for, not frames: a composite holds several
        }

        report.Write($"{folder} (preview/ from {routing.Preview.Model}, final/ from {routing.Final.Model})");
        return 0;
    }
}
