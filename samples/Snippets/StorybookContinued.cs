#region storybook-continued
using Pikumo.ImageGen;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;

using var client = new ImageGenClient(new ImageGenOptions { Provider = ImageProvider.OpenAI });
PromptSpecBuilder cast = new PromptSpecBuilder()
    .AddSubject("Mia", IdentityLock.Production)
    .AddCreature("Biscuit")
    .WithStyle(ImageStyle.StorybookWatercolour);

// The last final frame of part one, checked against part one's manifest (its file must still match the hash).
SequenceContinuation lastPage = await SequenceContinuation.FromRunAsync("out/storybook-1");
var partTwo = new SequenceRequest(cast,
    [
        new Scene("The next morning, Mia and Biscuit find a stray kitten in the garden").WithCast("Mia", "Biscuit").Wearing("Mia", "yellow raincoat"),
        new Scene("Mia carries the kitten inside while Biscuit sniffs it curiously").WithCast("Mia", "Biscuit").Wearing("Mia", "yellow raincoat"),
    ],
    [ImageInput.FromFile("mia.png"), ImageInput.FromFile("biscuit.png")])
{
    ContinueFrom = lastPage,   // part two's first calls carry part one's last frame as their continuity reference
};
SequenceRunResult two = await new SequenceRunner(client).RunToEndAsync(partTwo, SequenceTier.Final,
    new SequenceRunOptions { OutputDirectory = "out/storybook-2" });

SequenceRunManifest manifest = (await SequenceRunManifest.LoadAsync("out/storybook-2"))!;
SequenceContinuationSource continues = manifest.Continues!;
Console.WriteLine($"run {manifest.RunId} continues run {continues.RunId}: beat {continues.Beat + 1} ({continues.Tier}) of {continues.Folder}, {continues.File}");
Console.WriteLine($"its first frame was made from: {string.Join(", ", two.Frames[0].References)}");
#endregion
