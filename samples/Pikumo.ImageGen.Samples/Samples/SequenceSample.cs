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

    public static async Task<int> RunAsync(SampleContext context, bool confirmed, CancellationToken cancellationToken)
    {
        var (client, where) = context.CreateClient();
        using var _ = client;
        var folder = context.Folder("sequence");
        context.Out.WriteLine($"A {Story.Length}-beat story on {where}.");

        #region sequence-plan
        var story = new SequenceRequest(
            new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithStyle(ImageStyle.Dreamscape),
            Story.Select(beat => new Scene($"Mia {beat}")),
            [ImageInput.FromFile(SampleContext.ReferencePhoto)]);
        var runner = new SequenceRunner(client, new SkiaCompositeSlicer());
        foreach (var beats in new[] { 8, 24, 40 })
        {
            SequencePlan plan = new SequencePlanner(client.Options.Prices).Plan(story, client.ProviderName, beats: beats);
            Console.WriteLine(plan.ToTable());
        }
        #endregion

        #region sequence-routed-plan
        // The same 24 beats with the preview routed to Nano Banana 2 on Gemini: both plans side by side.
        var prices = new SequencePlanner(client.Options.Prices);
        SequencePlan single = prices.Plan(story, client.ProviderName);
        SequencePlan routed = prices.Plan(story with { Preview = story.Preview with { Provider = "gemini", Model = "gemini-3.1-flash-image" } }, client.ProviderName);
        foreach (var (name, plan) in new[] { ("one model", single), ("routed", routed) })
        {
            Console.WriteLine($"{name,-10} preview {plan.Preview.Provider} {plan.Preview.Model} ${plan.Preview.CostUsd:0.000}   final {plan.Final.Provider} {plan.Final.Model} ${plan.Final.CostUsd:0.000}");
        }
        #endregion

        if (context.ConfiguredProvider is not null && !confirmed)
        {
            context.Out.WriteLine("A real provider is configured: run again with --yes to pay for the 24-beat run above.");
            return 0;
        }

        var report = new Report(context.Out);
        #region sequence-run
        var progress = new ConsoleProgress(p => Console.WriteLine(
            $"{p.Tier} {p.FramesDone}/{p.FramesTotal} frames, chunk {Math.Min(p.ChunksDone + 1, p.ChunksTotal)}/{p.ChunksTotal}, ${p.CostUsd:0.000}, about {p.EstimatedRemaining.TotalSeconds:0} s left"));
        SequenceRunResult preview = await runner.RunToEndAsync(story, SequenceTier.Preview,
            new SequenceRunOptions { OutputDirectory = folder, Progress = progress }, cancellationToken);
        SequenceRunResult final = await runner.RunToEndAsync(story, SequenceTier.Final,
            new SequenceRunOptions { OutputDirectory = folder, Progress = progress }, cancellationToken);
        #endregion

        foreach (var (tier, result) in new[] { ("preview", preview), ("final", final) })
        {
            var planned = tier == "preview" ? result.Plan.Preview : result.Plan.Final;
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{tier}: planned {planned}; actual {result.Actual}; failed {result.Failed.Count}"));
            report.Add($"{tier} ({result.Frames.Count} frames)", result.Actual.Calls, result.Frames.Count, result.Actual.CostUsd, result.Actual.WallClock);
        }

        await File.WriteAllBytesAsync(Path.Combine(folder, "preview-contact-sheet.png"), ContactSheet.Create(preview.Frames, new ContactSheetOptions { Columns = 8, ThumbnailWidth = 160 }), cancellationToken);
        if (context.ConfiguredProvider is null)
        {
            context.Out.WriteLine($"(the simulator runs the seed's latencies scaled by {context.LatencyScale}, so actual time is that fraction of the plan's)");
        }

        report.Write($"{folder} (preview/, final/, manifest.json, preview-contact-sheet.png); run again to see every frame reused from the manifest");
        return 0;
    }

    /// <summary>Reports on the calling thread, so lines come out in order (Progress&lt;T&gt; posts to the thread pool).</summary>
    private sealed class ConsoleProgress(Action<SequenceProgress> report) : IProgress<SequenceProgress>
    {
        public void Report(SequenceProgress value) => report(value);
    }
}
