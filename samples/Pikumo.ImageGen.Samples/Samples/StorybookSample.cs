using Pikumo.ImageGen.Imaging;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Sequences.Judging;
using Pikumo.ImageGen.Specs;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Samples;

/// <summary>
/// A two-subject storybook: Mia and her dog Biscuit, a school uniform for the day and pyjamas at night, every frame
/// judged (well-formed, not blank, and offline the simulator's identity score, with two in five frames and panels made to drift)
/// and re-rolled when rejected, best of two per frame; a judged preview of part one first (a storyboard composite
/// rolled again while one of its panels is rejected); then a second part that continues from the first part's last
/// frame, which its manifest records. The code docs/sequences.md shows is in samples/Snippets/Storybook*.cs and
/// FaceSimilarityJudge.cs.
/// </summary>
public static class StorybookSample
{
    /// <summary>What Mia wears by day.</summary>
    private const string Uniform = "navy school uniform with a red tie";

    /// <summary>What Mia wears at night.</summary>
    private const string Pyjamas = "blue pyjamas with stars";

    /// <summary>The command line's view of this sample.</summary>
    public static SampleDefinition Definition { get; } = new()
    {
        Name = "storybook",
        Description = "A storybook of a child and her dog in two parts: outfits per beat, every frame judged and re-rolled when rejected, best of two, a judged preview, a continued second part.",
        PaidCalls = 1 + (2 * 3) + ((6 + 2) * 3),   // Biscuit's photo, 2 preview composites and 8 frames, each of up to 3 calls (the first and 2 re-rolls)
        PaidCallsAreAtMost = true,       // a re-roll is paid only for a rejected frame (and within RerollBudgetUsd)
        RunAsync = (context, _, cancellationToken) => RunAsync(context, cancellationToken),
    };

    public static async Task<int> RunAsync(SampleContext context, CancellationToken cancellationToken)
    {
        using var client = context.CreateClient(simulate: options => options.DriftShare = 0.4);   // offline: two in five frames (and panels) drift
        context.Out.WriteLine($"A storybook of Mia and Biscuit in two parts on {context.Where}.");

        // Biscuit's "photo": generated once here; a real app has a photo of the dog.
        var dog = await client.GenerateAsync(new ImageGenerateRequest("a photo of a small scruffy brown terrier with one white ear, sitting, plain background")
        {
            Quality = ImageQuality.Low, Size = ImageSize.Square1024,
        }, cancellationToken);
        var report = new Report(context.Out);
        report.Add("Biscuit's reference photo", dog);
        ImageInput[] photos = [ImageInput.FromFile(SampleContext.ReferencePhoto), ImageInput.FromBytes(dog.Images[0].Data, "biscuit.png")];

        // Offline, the simulator's identity score stands in for a face-similarity service (docs/sequences.md shows one).
        IFrameJudge identity = context.IsOffline
            ? new SimulatorIdentityJudge()
            : FrameJudges.FromCallback("accept", (_, _) => ValueTask.FromResult(FrameJudgement.Accept("no similarity service configured")));
        var cast = new PromptSpecBuilder()
            .AddSubject("Mia", IdentityLock.Production)
            .AddCreature("Biscuit")
            .WithStyle(ImageStyle.StorybookWatercolour);
        Scene[] day =
        [
            new Scene("Mia eats breakfast while Biscuit begs for toast").WithCast("Mia", "Biscuit").Wearing("Mia", Uniform),
            new Scene("Mia waves goodbye to Biscuit at the garden gate").WithCast("Mia", "Biscuit").Wearing("Mia", Uniform),
            new Scene("Biscuit naps in a patch of sunlight on the rug").WithCast("Biscuit"),
            new Scene("Mia runs home from school and Biscuit leaps to greet her").WithCast("Mia", "Biscuit").Wearing("Mia", Uniform),
            new Scene("Mia reads Biscuit a bedtime story").WithCast("Mia", "Biscuit").Wearing("Mia", Pyjamas),
            new Scene("Mia falls asleep with Biscuit curled at her feet") { TimeOfDay = "night" }.WithCast("Mia", "Biscuit").Wearing("Mia", Pyjamas),
        ];
        var partOne = new SequenceRequest(cast, day, photos)
        {
            ChunkSize = 3,
            Final = new SequenceTierOptions { Quality = ImageQuality.Low, Size = ImageSize.Portrait1024x1536 },
            BudgetUsd = 2.00m,                                   // first calls and re-rolls together
            Judging = new FrameJudging(FrameJudges.All(FrameJudges.WellFormed, new NotBlankJudge(), identity))
            {
                Variants = 2,                                    // best of two images per call
                MaxRerolls = 2,                                  // then up to two more calls for a frame whose images were all rejected
                RerollBudgetUsd = 0.50m,                         // and at most this much on re-rolls
            },
        };

        var runner = new SequenceRunner(client, new SkiaCompositeSlicer());
        var plan = runner.Plan(partOne);
        context.Out.WriteLine($"plan for part one: preview {plan.Preview}; final {plan.Final}");   // first calls, and what re-rolls may add at most
        var partOneFolder = context.Folder("storybook/part-1");

        // The preview: one storyboard composite per chunk, cut into panels; a rejected panel rolls its composite again.
        SequenceRunResult preview = await SequenceProgressView.ShowAsync(context, "part one, preview", progress =>
            runner.RunToEndAsync(partOne, SequenceTier.Preview, new SequenceRunOptions { OutputDirectory = partOneFolder, Progress = progress }, cancellationToken));
        context.Out.WriteLine($"part one, preview: {preview.Frames.Count} panels from {preview.Actual.Calls} composite call(s), {preview.Rerolls} re-roll(s), {preview.Rejected.Count} panel(s) rejected after every roll");

        SequenceRunResult one = await SequenceProgressView.ShowAsync(context, "part one", progress =>
            runner.RunToEndAsync(partOne, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = partOneFolder, Progress = progress }, cancellationToken));
        context.Out.WriteLine($"part one: {one.Frames.Count} frames, {one.Rerolls} re-roll(s), {one.Rejected.Count} frame(s) rejected after every roll");

        // Part two starts from part one's last frame: its first chunk sends it as the continuity reference.
        var partTwoFolder = context.Folder("storybook/part-2");
        var partTwo = new SequenceRequest(cast,
            [
                new Scene("The next morning, Mia and Biscuit find a stray kitten in the garden").WithCast("Mia", "Biscuit").Wearing("Mia", "yellow raincoat"),
                new Scene("Mia carries the kitten inside while Biscuit sniffs it curiously").WithCast("Mia", "Biscuit").Wearing("Mia", "yellow raincoat"),
            ],
            photos)
        {
            ChunkSize = partOne.ChunkSize, Final = partOne.Final, Judging = partOne.Judging, BudgetUsd = 1.00m,
            ContinueFrom = await SequenceContinuation.FromRunAsync(partOneFolder, cancellationToken: cancellationToken),
        };
        SequenceRunResult two = await SequenceProgressView.ShowAsync(context, "part two", progress =>
            runner.RunToEndAsync(partTwo, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = partTwoFolder, Progress = progress }, cancellationToken));

        var manifest = (await SequenceRunManifest.LoadAsync(partTwoFolder, cancellationToken))!;
        var continues = manifest.Continues!;
        context.Out.WriteLine($"part two continues run {continues.RunId} from {continues.File} (SHA-256 {continues.Sha256[..12]}…), {two.Rerolls} re-roll(s)");
        foreach (var entry in manifest.Frames)
        {
            context.Out.WriteLine($"  part two, beat {entry.Beat + 1}: {entry.Candidates.Count} image(s) paid for, kept {entry.File}: {entry.Judgement}");
        }

        report.Add("part one, preview (judged panels)", preview.Actual.Calls, preview.Actual.Images, preview.Actual.CostUsd, preview.Actual.WallClock);
        report.Add("part one (judged, best of 2)", one.Actual.Calls, one.Actual.Images, one.Actual.CostUsd, one.Actual.WallClock);
        report.Add("part two (continued)", two.Actual.Calls, two.Actual.Images, two.Actual.CostUsd, two.Actual.WallClock);
        report.Write($"{context.Folder("storybook")} (part-1/, part-2/: preview panels and composites, frames, every judged variant and re-roll, manifest.json)");
        return 0;
    }
}
