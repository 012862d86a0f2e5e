#region sequence-resume
using Pikumo.ImageGen;
using Pikumo.ImageGen.Imaging;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;

using var client = new ImageGenClient(new ImageGenOptions { Provider = ImageProvider.OpenAI });
var runner = new SequenceRunner(client, new SkiaCompositeSlicer());
string folder = "out/story";   // the folder of the run that was stopped: its manifest is the journal
var request = new SequenceRequest(
    new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithStyle(ImageStyle.Dreamscape),
    Enumerable.Range(1, 24).Select(hour => new Scene($"Mia at {hour}:00 on an ordinary day")),
    [ImageInput.FromFile("mia.png")])
{
    UnknownOutcomes = UnknownOutcomePolicy.Skip,   // the default: never pay twice without being asked
    BudgetUsd = 5.00m,                             // start no call whose estimate would pass what is left
    FrameAttempts = 2,                             // retries only failures that surely did not run
};
SequenceRunResult result = await runner.RunToEndAsync(request, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder });

Console.WriteLine($"{result.Recovered} frame(s) recovered from a stopped run without a new call");
foreach (var frame in result.OutcomeUnknown)
{
    Console.WriteLine($"beat {frame.BeatIndex + 1}: {frame.Error}");   // may have been billed; no image
}

if (result.OutcomeUnknown.Count > 0)
{
    // Your decision: make them again, knowing each may be paid twice (counted in PossiblyBilledTwice).
    result = await runner.RunToEndAsync(request with { UnknownOutcomes = UnknownOutcomePolicy.Regenerate },
        SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder });
    Console.WriteLine($"{result.PossiblyBilledTwice} call(s) possibly billed twice");
}

Console.WriteLine($"left for the budget: {string.Join(", ", result.LeftForBudget.Select(b => b + 1))}");
#endregion
