#region sequence-run
using Pikumo.ImageGen;
using Pikumo.ImageGen.Imaging;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;

using var client = new ImageGenClient(new ImageGenOptions { Provider = ImageProvider.OpenAI });
var story = new SequenceRequest(
    new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithStyle(ImageStyle.Dreamscape),
    Enumerable.Range(1, 24).Select(hour => new Scene($"Mia at {hour}:00 on an ordinary day")),
    [ImageInput.FromFile("mia.png")]);
var runner = new SequenceRunner(client, new SkiaCompositeSlicer());

var progress = new Progress<SequenceProgress>(p => Console.WriteLine(
    $"{p.Tier} {p.FramesDone}/{p.FramesTotal} frames, chunk {Math.Min(p.ChunksDone + 1, p.ChunksTotal)}/{p.ChunksTotal}, ${p.CostUsd:0.000}, about {p.EstimatedRemaining.TotalSeconds:0} s left"));
SequenceRunResult preview = await runner.RunToEndAsync(story, SequenceTier.Preview,
    new SequenceRunOptions { OutputDirectory = "out/story", Progress = progress });
SequenceRunResult final = await runner.RunToEndAsync(story, SequenceTier.Final,
    new SequenceRunOptions { OutputDirectory = "out/story", Progress = progress });
#endregion
