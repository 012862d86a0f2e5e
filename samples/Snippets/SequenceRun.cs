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

// Reports arrive one at a time: the plan, chunks, calls (sent, queued, retrying), a heartbeat while calls run, frames.
var progress = new Progress<SequenceProgress>(p => Console.WriteLine(p.Kind switch
{
    SequenceProgressKind.Waiting => $"{p.Call} running for {p.CallElapsed?.TotalSeconds:0} s (planned {p.CallPlanned?.TotalSeconds:0} s)",
    SequenceProgressKind.RetryWaiting => $"{p.Call}: {p.Reason}, trying again in {p.RetryDelay?.TotalSeconds:0.0} s",
    _ => $"{p.Kind}: {p.FramesDone}/{p.FramesTotal} frames, ${p.CostUsd:0.000} of ${p.PlannedCostUsd:0.000} planned, about {p.EstimatedRemaining.TotalSeconds:0} s left",
}));
SequenceRunResult preview = await runner.RunToEndAsync(story, SequenceTier.Preview,
    new SequenceRunOptions { OutputDirectory = "out/story", Progress = progress });
SequenceRunResult final = await runner.RunToEndAsync(story, SequenceTier.Final,
    new SequenceRunOptions { OutputDirectory = "out/story", Progress = progress });
#endregion
