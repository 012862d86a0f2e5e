#region sequence-partial-images
using Pikumo.ImageGen;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;

using var client = new ImageGenClient(new ImageGenOptions { Provider = ImageProvider.OpenAI });
var story = new SequenceRequest(
    new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithStyle(ImageStyle.Dreamscape),
    [new Scene("Mia brews coffee"), new Scene("Mia reads on the train"), new Scene("Mia waters the balcony plants")],
    [ImageInput.FromFile("mia.png")])
{
    PartialImages = 1,   // each final frame is streamed; its partial image comes in the progress first
};
var progress = new Progress<SequenceProgress>(p =>
{
    if (p is { Kind: SequenceProgressKind.PartialImage, Partial: { } partial })
    {
        Console.WriteLine($"beat {partial.BeatIndex + 1}: first pixels after {partial.Elapsed.TotalSeconds:0.00} s");
    }
    else if (p is { Kind: SequenceProgressKind.FrameLanded, LastFrame: { } frame })
    {
        Console.WriteLine($"beat {frame.BeatIndex + 1}: {frame.Status}, {frame.FilePath}");
    }
});
SequenceRunResult result = await new SequenceRunner(client).RunToEndAsync(story, SequenceTier.Final,
    new SequenceRunOptions { OutputDirectory = "out/story", Progress = progress });
#endregion
