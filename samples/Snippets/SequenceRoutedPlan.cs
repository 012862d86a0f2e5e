#region sequence-routed-plan
using Pikumo.ImageGen;
using Pikumo.ImageGen.Planning;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;

var story = new SequenceRequest(
    new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithStyle(ImageStyle.Dreamscape),
    Enumerable.Range(1, 24).Select(i => new Scene($"Mia, beat {i}")),
    [ImageInput.FromFile("mia.png")]);

// The same 24 beats with the preview routed to Nano Banana 2 on Gemini: both plans side by side.
var planner = new SequencePlanner(ImagePriceTable.Default);
SequencePlan single = planner.Plan(story, "openai");
SequencePlan routed = planner.Plan(story with { Preview = story.Preview with { Provider = "gemini", Model = "gemini-3.1-flash-image" } }, "openai");
foreach (var (name, plan) in new[] { ("one model", single), ("routed", routed) })
{
    Console.WriteLine($"{name,-10} preview {plan.Preview.Provider} {plan.Preview.Model} ${plan.Preview.CostUsd:0.000}   final {plan.Final.Provider} {plan.Final.Model} ${plan.Final.CostUsd:0.000}");
}
#endregion
