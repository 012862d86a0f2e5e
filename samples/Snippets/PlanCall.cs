#region plan-call
using Pikumo.ImageGen;
using Pikumo.ImageGen.Planning;

using var client = new ImageGenClient(new ImageGenOptions { Provider = ImageProvider.OpenAI });
var request = new ImageEditRequest("Mia drinks her morning coffee by the kitchen window", ImageInput.FromFile("mia.png"))
{
    Count = 4, Quality = ImageQuality.Low, InputFidelity = InputFidelity.High,
};
TierPlan call = new SequencePlanner(client.Options.Prices).PlanCall(request, client.ProviderName);
Console.WriteLine(call);   // 1 calls, 4 images, $0.082, 41.3 s: the reference is billed once, not per image
#endregion
