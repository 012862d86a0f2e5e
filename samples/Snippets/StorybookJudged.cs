#region storybook-judged
using Pikumo.ImageGen;
using Pikumo.ImageGen.Imaging;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Sequences.Judging;
using Pikumo.ImageGen.Specs;

using var client = new ImageGenClient(new ImageGenOptions { Provider = ImageProvider.OpenAI });
ImageInput[] photos = [ImageInput.FromFile("mia.png"), ImageInput.FromFile("biscuit.png")];
PromptSpecBuilder cast = new PromptSpecBuilder()
    .AddSubject("Mia", IdentityLock.Production)
    .AddCreature("Biscuit")
    .WithStyle(ImageStyle.StorybookWatercolour);
Scene[] day =
[
    new Scene("Mia eats breakfast while Biscuit begs for toast").WithCast("Mia", "Biscuit").Wearing("Mia", "navy school uniform with a red tie"),
    new Scene("Biscuit naps in a patch of sunlight on the rug").WithCast("Biscuit"),
    new Scene("Mia reads Biscuit a bedtime story").WithCast("Mia", "Biscuit").Wearing("Mia", "blue pyjamas with stars"),
];

// Your own check, for example a call to a face-similarity service (see FaceSimilarityJudge below).
IFrameJudge identity = FrameJudges.FromCallback("my-check", (context, _) =>
    ValueTask.FromResult(context.Image.Data.Length > 0 ? FrameJudgement.Scored(0.9) : FrameJudgement.Reject("empty image")));

var request = new SequenceRequest(cast, day, photos)
{
    Final = new SequenceTierOptions { Quality = ImageQuality.Low, Size = ImageSize.Portrait1024x1536 },
    BudgetUsd = 2.00m,                                    // first calls and re-rolls together
    Judging = new FrameJudging(FrameJudges.All(FrameJudges.WellFormed, new NotBlankJudge(), identity))
    {
        Variants = 2,                                     // best of two images per call
        MinimumScore = 0.6,                               // a lower score counts as a rejection
        MaxRerolls = 2,                                   // then up to two more calls for a frame whose images were all rejected
        RerollBudgetUsd = 0.50m,                          // and at most this much on re-rolls in this run
    },
};

// Every judgement is reported as it is made, and every re-roll before it is paid for.
var progress = new Progress<SequenceProgress>(p =>
{
    if (p.Kind == SequenceProgressKind.FrameJudged)
    {
        Console.WriteLine($"beat {p.JudgedBeat + 1}, roll {p.Judgement!.Roll}, image {p.Judgement.Variant + 1}: {p.Judgement}");
    }
    else if (p.Kind == SequenceProgressKind.FrameRerolled)
    {
        Console.WriteLine($"{p.Call}: every image rejected, call {p.Attempt} follows");
    }
});
SequenceRunResult result = await new SequenceRunner(client).RunToEndAsync(request, SequenceTier.Final,
    new SequenceRunOptions { OutputDirectory = "out/storybook-1", Progress = progress });

Console.WriteLine($"{result.Rerolls} re-roll(s); {result.Rejected.Count} frame(s) rejected after every roll");
foreach (SequenceFrame frame in result.Frames)
{
    Console.WriteLine($"beat {frame.BeatIndex + 1}: kept {frame.FilePath} ({frame.Judgement}) of {frame.Judgements.Count} judged image(s)");
}

// The manifest records every image paid for, with its judgement.
SequenceRunManifest manifest = (await SequenceRunManifest.LoadAsync("out/storybook-1"))!;
foreach (SequenceRunCandidate image in manifest.Frames.SelectMany(f => f.Candidates))
{
    Console.WriteLine(image);   // roll 1 variant 1 (final/frame-001-v2.png): scored (0.9) by well-formed+not-blank+my-check, kept
}
#endregion
