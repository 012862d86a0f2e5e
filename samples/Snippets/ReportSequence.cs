#region report-sequence
using Pikumo.ImageGen;
using Pikumo.ImageGen.Imaging;
using Pikumo.ImageGen.Reporting;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;

using var client = new ImageGenClient(new ImageGenOptions { Provider = ImageProvider.OpenAI });
var story = new SequenceRequest(
    new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithStyle(ImageStyle.Dreamscape),
    ["Mia wakes up", "Mia brews coffee", "Mia walks to the station", "Mia sketches at her desk"],
    [ImageInput.FromFile("mia.png")]);

var runner = new SequenceRunner(client, new SkiaCompositeSlicer());
var options = new SequenceRunOptions { OutputDirectory = "out/story" };
SequenceRunResult result = await runner.RunToEndAsync(story, SequenceTier.Final, options);

// Keep the plan and this run's wall clock beside the manifest (report.json), then write out/story/report.html.
SequenceReport report = await SequenceReport.RecordAsync(options.OutputDirectory, result);
string page = await report.WriteAsync();
#endregion
