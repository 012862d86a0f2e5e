#region routing-run
using Pikumo.ImageGen;
using Pikumo.ImageGen.Imaging;
using Pikumo.ImageGen.Planning;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;

using var openai = new ImageGenClient(new ImageGenOptions { Provider = ImageProvider.OpenAI });   // OPENAI_API_KEY
using var gemini = new ImageGenClient(new ImageGenOptions { Provider = ImageProvider.Gemini });   // GEMINI_API_KEY
using var fal = new ImageGenClient(new ImageGenOptions { Provider = ImageProvider.Fal });         // FAL_KEY
var story = new SequenceRequest(
    new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithStyle(ImageStyle.Dreamscape),
    new[] { "brews coffee", "walks in the park", "reads in bed" }.Select(beat => new Scene($"Mia {beat}")),
    [ImageInput.FromFile("mia.png")]);
SequenceRouting routing = new SequencePlanner(openai.Options.Prices).Route(
    story,
    previewCandidates: [new("openai", "gpt-image-2"), new("gemini", "gemini-3.1-flash-image"), new("fal", "fal-ai/flux-2/turbo")],
    finalCandidates: [new("openai", "gpt-image-2")]);

var runner = new SequenceRunner(openai, new SkiaCompositeSlicer()) { RouteClients = [gemini, fal] };   // a client per provider a tier may name
SequenceRequest routed = story.RoutedBy(routing);                                                      // each tier names its provider and model
var preview = await runner.RunToEndAsync(routed, SequenceTier.Preview, new SequenceRunOptions { OutputDirectory = "story" });
var final = await runner.RunToEndAsync(routed, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = "story" });
Console.WriteLine($"preview on {routing.Preview}: {preview.Actual}; final on {routing.Final}: {final.Actual}");
#endregion
