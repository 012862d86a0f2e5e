#region routing-plan
using Pikumo.ImageGen;
using Pikumo.ImageGen.Planning;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;

string[] beats = ["wakes up as the alarm rings", "brews coffee", "walks to the station in light rain", "sketches at her desk",
                  "walks in the park", "rides the train home at sunset", "eats dinner on the balcony", "reads in bed"];
var story = new SequenceRequest(
    new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithStyle(ImageStyle.Dreamscape),
    beats.Select(beat => new Scene($"Mia {beat}")),
    [ImageInput.FromFile("mia.png")]);
SequenceRouting routing = new SequencePlanner(ImagePriceTable.Default).Route(
    story,
    previewCandidates: [new("openai", "gpt-image-2"), new("gemini", "gemini-3.1-flash-image"), new("fal", "fal-ai/nano-banana-2"), new("fal", "fal-ai/flux-2/turbo"), new("fal", "fal-ai/flux-2-pro")],
    finalCandidates: [new("openai", "gpt-image-2"), new("fal", "gpt-image-2")],
    beats: 24);
Console.WriteLine(routing.ToTable());        // every candidate's cost and time per tier, the chosen ones marked
Console.WriteLine(routing.Plan.ToTable());   // both tiers on their routes: two models, two costs
#endregion
