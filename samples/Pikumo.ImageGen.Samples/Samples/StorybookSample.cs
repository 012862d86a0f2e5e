using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Sequences.Judging;
using Pikumo.ImageGen.Specs;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Samples;

/// <summary>
/// A two-subject storybook: Mia and her dog Biscuit, a school uniform for the day and pyjamas at night, every frame
/// judged (well-formed, and offline the simulator's identity score, with a third of the frames made to drift) and
/// re-rolled when rejected, best of two per frame; then a second part that continues from the first part's last frame.
/// On a real provider it stops before paying unless run with <c>--yes</c>.
/// </summary>
public static class StorybookSample
{
    public static async Task<int> RunAsync(SampleContext context, bool confirmed, CancellationToken cancellationToken)
    {
        var (client, where) = context.CreateClient(simulate: options => options.DriftShare = 0.35);
        using var _ = client;
        context.Out.WriteLine($"A storybook of Mia and Biscuit in two parts on {where}.");
        if (context.ConfiguredProvider is not null && !confirmed)
        {
            context.Out.WriteLine("A real provider is configured: run again with --yes to pay for two parts of judged final frames.");
            return 0;
        }

        // Biscuit's "photo": generated once here; a real app has a photo of the dog.
        var dog = await client.GenerateAsync(new ImageGenerateRequest("a photo of a small scruffy brown terrier with one white ear, sitting, plain background")
        {
            Quality = ImageQuality.Low, Size = ImageSize.Square1024,
        }, cancellationToken);
        var report = new Report(context.Out);
        report.Add("Biscuit's reference photo", dog);
        var photos = new[] { ImageInput.FromFile(SampleContext.ReferencePhoto), ImageInput.FromBytes(dog.Images[0].Data, "biscuit.png") };
        IFrameJudge identity = context.ConfiguredProvider is null
            ? new SimulatorIdentityJudge()                                  // offline: the simulator's identity score
            : FrameJudges.FromCallback("accept", (_, _) => ValueTask.FromResult(FrameJudgement.Accept("no similarity service configured")));

        #region storybook-judged
        PromptSpecBuilder cast = new PromptSpecBuilder()
            .AddSubject("Mia", IdentityLock.Production)
            .AddCreature("Biscuit")
            .WithStyle(ImageStyle.StorybookWatercolour);
        Scene[] day =
        [
            new Scene("Mia eats breakfast while Biscuit begs for toast").WithCast("Mia", "Biscuit").Wearing("Mia", "navy school uniform with a red tie"),
            new Scene("Mia waves goodbye to Biscuit at the garden gate").WithCast("Mia", "Biscuit").Wearing("Mia", "navy school uniform with a red tie"),
            new Scene("Biscuit naps in a patch of sunlight on the rug").WithCast("Biscuit"),
            new Scene("Mia runs home from school and Biscuit leaps to greet her").WithCast("Mia", "Biscuit").Wearing("Mia", "navy school uniform with a red tie"),
            new Scene("Mia reads Biscuit a bedtime story").WithCast("Mia", "Biscuit").Wearing("Mia", "blue pyjamas with stars"),
            new Scene("Mia falls asleep with Biscuit curled at her feet") { TimeOfDay = "night" }.WithCast("Mia", "Biscuit").Wearing("Mia", "blue pyjamas with stars"),
        ];
        var partOne = new SequenceRequest(cast, day, photos)
        {
            ChunkSize = 3,
            Final = new SequenceTierOptions { Quality = ImageQuality.Low, Size = ImageSize.Portrait1024x1536 },
            BudgetUsd = 2.00m,                                    // first calls and re-rolls together
            Judging = new FrameJudging(FrameJudges.All(FrameJudges.WellFormed, identity))
            {
                Variants = 2,                                     // best of two images per call
                MaxRerolls = 2,                                   // then up to two more calls for a frame whose images were all rejected
                RerollBudgetUsd = 0.50m,
            },
        };
        var progress = new ConsoleProgress(p =>
        {
            if (p.Judgement is { } judgement)
            {
                Console.WriteLine($"  beat {p.JudgedBeat + 1}, roll {judgement.Roll}, image {judgement.Variant + 1}: {judgement}");
            }
        });
        var runner = new SequenceRunner(client);
        SequenceRunResult one = await runner.RunToEndAsync(partOne, SequenceTier.Final,
            new SequenceRunOptions { OutputDirectory = context.Folder("storybook/part-1"), Progress = progress }, cancellationToken);
        Console.WriteLine($"part one: {one.Rerolls} re-roll(s), {one.Rejected.Count} frame(s) rejected after every roll");
        #endregion

        #region storybook-continued
        SequenceContinuation lastPage = await SequenceContinuation.FromRunAsync(context.Folder("storybook/part-1"), cancellationToken: cancellationToken);
        var partTwo = new SequenceRequest(cast,
            [
                new Scene("The next morning, Mia and Biscuit find a stray kitten in the garden").WithCast("Mia", "Biscuit").Wearing("Mia", "yellow raincoat"),
                new Scene("Mia carries the kitten inside while Biscuit sniffs it curiously").WithCast("Mia", "Biscuit").Wearing("Mia", "yellow raincoat"),
            ],
            photos)
        {
            ChunkSize = partOne.ChunkSize, Final = partOne.Final, Judging = partOne.Judging,
            ContinueFrom = lastPage,   // part two's first calls carry part one's last frame as their continuity reference
        };
        SequenceRunResult two = await runner.RunToEndAsync(partTwo, SequenceTier.Final,
            new SequenceRunOptions { OutputDirectory = context.Folder("storybook/part-2"), Progress = progress }, cancellationToken);
        SequenceManifest manifest = (await SequenceManifest.LoadAsync(context.Folder("storybook/part-2"), cancellationToken))!;
        Console.WriteLine($"part two continues run {manifest.Continues!.RunId} from {manifest.Continues.File} (SHA-256 {manifest.Continues.Sha256[..12]}…)");
        #endregion

        context.Out.WriteLine($"part one: {one.Frames.Count} frames, {one.Rerolls} re-roll(s), {one.Rejected.Count} rejected; part two continues run {manifest.Continues.RunId}.");
        report.Add("part one (judged, best of 2)", one.Actual.Calls, one.Actual.Images, one.Actual.CostUsd, one.Actual.WallClock);
        report.Add("part two (continued)", two.Actual.Calls, two.Actual.Images, two.Actual.CostUsd, two.Actual.WallClock);
        report.Write(context.Folder("storybook"));
        return 0;
    }

    private sealed class ConsoleProgress(Action<SequenceProgress> report) : IProgress<SequenceProgress>
    {
        public void Report(SequenceProgress value) => report(value);
    }
}
