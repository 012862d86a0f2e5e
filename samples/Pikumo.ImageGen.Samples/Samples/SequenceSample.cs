using System.Globalization;
using Pikumo.ImageGen.Imaging;
using Pikumo.ImageGen.Planning;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Samples;

/// <summary>
/// A 24-beat story: the plan for 8, 24 and 40 beats first, then the 24-beat run in chunks of 8 chained by their
/// last frame, as a preview (3 storyboards) and as the final album, with planned beside actual.
/// On a real provider it stops after the plan unless run with <c>--yes</c>.
/// </summary>
public static class SequenceSample
{
    public static readonly string[] Story =
    [
        "wakes up as the alarm rings", "stretches by the bedroom window", "brews coffee", "reads the news on her phone",
        "locks the front door", "walks to the station in light rain", "reads a paperback on the train", "arrives at the studio",
        "sketches at her desk", "presents her sketches to the team", "laughs with a colleague over lunch", "walks in the park",
        "feeds the ducks by the pond", "sketches the pond", "buys flowers at a market stall", "rides the train home at sunset",
        "cooks pasta in her small kitchen", "eats dinner on the balcony", "calls her mother", "waters the balcony plants",
        "paints by lamplight", "washes her brushes", "reads in bed", "falls asleep with the book open",
    ];

    /// <summary>The command line's view of this sample.</summary>
    public static SampleDefinition Definition { get; } = new()
    {
        Name = "sequence",
        Description = "A 24-beat story: the plan for 8, 24 and 40 beats, then the preview and final tiers in chunks of 8 (on a real provider only with --yes).",
        PaidCalls = 3 + 24,
        ConfirmsItself = true,
        RunAsync = (context, _, cancellationToken) => RunAsync(context, cancellationToken),
    };

    public static async Task<int> RunAsync(SampleContext context, CancellationToken cancellationToken)
    {
        using var client = context.CreateClient();
        var folder = context.Folder("sequence");
        context.Out.WriteLine($"A {Story.Length}-beat story on {context.Where}.");

        var fidelity = client.GetCapabilities().SupportsInputFidelity ? InputFidelity.High : (InputFidelity?)null;
        var story = new SequenceRequest(
            new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithStyle(ImageStyle.Dreamscape),
            Story.Select(beat => new Scene($"Mia {beat}")),
            [ImageInput.FromFile(SampleContext.ReferencePhoto)])
        {
            // input_fidelity only where the provider takes it (fal does not); the tiers' own default sends it everywhere.
            Preview = new SequenceTierOptions { InputFidelity = fidelity },
            Final = new SequenceTierOptions { Quality = ImageQuality.High, Size = ImageSize.Portrait1024x1536, InputFidelity = fidelity },
        };
        var runner = new SequenceRunner(client, new SkiaCompositeSlicer());
        var model = client.GetCapabilities().Model;   // the client's default model (gpt-image-2; Nano Banana 2 on Gemini)
        foreach (var beats in new[] { 8, 24, 40 })
        {
            SequencePlan plan = new SequencePlanner(client.Options.Prices).Plan(story, client.ProviderName, model, beats: beats);
            context.Out.WriteLine(plan.ToTable());
        }

        // The same 24 beats with the preview routed to Nano Banana 2 on Gemini: both plans side by side.
        var planner = new SequencePlanner(client.Options.Prices);
        SequencePlan single = planner.Plan(story, client.ProviderName, model);
        SequencePlan routedPlan = planner.Plan(story with { Preview = story.Preview with { Provider = "gemini", Model = "gemini-3.1-flash-image" } }, client.ProviderName, model);
        foreach (var (name, plan) in new[] { ("one model", single), ("routed", routedPlan) })
        {
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-10} preview {plan.Preview.Provider} {plan.Preview.Model} ${plan.Preview.CostUsd:0.000}   final {plan.Final.Provider} {plan.Final.Model} ${plan.Final.CostUsd:0.000}"));
        }

        if (!context.IsOffline && !context.Confirmed)
        {
            context.Error.WriteLine("A real provider is configured: run again with --yes to pay for the 24-beat run above.");
            return 0;
        }

        var report = new Report(context.Out);
        SequenceRunResult preview = await SequenceProgressView.ShowAsync(context, "preview", progress =>
            runner.RunToEndAsync(story, SequenceTier.Preview, new SequenceRunOptions { OutputDirectory = folder, Progress = progress, ProgressInterval = TimeSpan.FromSeconds(1) }, cancellationToken));
        SequenceRunResult final = await SequenceProgressView.ShowAsync(context, "final", progress =>
            runner.RunToEndAsync(story, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder, Progress = progress, ProgressInterval = TimeSpan.FromSeconds(1) }, cancellationToken));

        foreach (var (tier, result) in new[] { ("preview", preview), ("final", final) })
        {
            var planned = tier == "preview" ? result.Plan.Preview : result.Plan.Final;
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{tier}: planned {planned}; actual {result.Actual}; failed {result.Failed.Count}"));
            report.Add($"{tier} ({result.Frames.Count} frames)", result.Actual.Calls, result.Frames.Count, result.Actual.CostUsd, result.Actual.WallClock);
        }

        await File.WriteAllBytesAsync(Path.Combine(folder, "preview-contact-sheet.png"), ContactSheet.Create(preview.Frames, new ContactSheetOptions { Columns = 8, ThumbnailWidth = 160 }), cancellationToken);
        var manifest = await SequenceRunManifest.LoadAsync(folder, cancellationToken);
        context.Out.WriteLine($"manifest.json: {manifest?.Composites.Count ?? 0} composites, {manifest?.Frames.Count(f => f.State == SequenceEntryState.Done) ?? 0} frames done");
        if (context.IsOffline)
        {
            context.Out.WriteLine($"(the simulator runs the measured latencies scaled by {context.LatencyScale}, so actual time is that fraction of the plan's)");
        }

        report.Write($"{folder} (preview/, final/, manifest.json, preview-contact-sheet.png); run again to see every frame reused from the manifest");
        return 0;
    }
}
