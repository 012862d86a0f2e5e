#region sequence-plan
using Pikumo.ImageGen;
using Pikumo.ImageGen.Planning;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;

using var client = new ImageGenClient(new ImageGenOptions { Provider = ImageProvider.OpenAI });
string[] beats = ["wakes up as the alarm rings", "brews coffee", "walks to the station in light rain", "sketches at her desk",
                  "walks in the park", "rides the train home at sunset", "eats dinner on the balcony", "reads in bed"];

var story = new SequenceRequest(
    new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithStyle(ImageStyle.Dreamscape),
    beats.Select(beat => new Scene($"Mia {beat}")),
    [ImageInput.FromFile("mia.png")]);
foreach (var count in new[] { 8, 24, 40 })
{
    SequencePlan plan = new SequencePlanner(client.Options.Prices).Plan(story, client.ProviderName, beats: count);
    Console.WriteLine(plan.ToTable());   // calls, images, dollars and seconds of each tier, before anything is paid
}
#endregion
