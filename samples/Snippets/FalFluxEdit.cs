#region fal-flux-edit
using System.Text.Json.Nodes;
using Pikumo.ImageGen;

using var fal = new ImageGenClient(new ImageGenOptions { Provider = ImageProvider.Fal });   // key: FAL_KEY
var result = await fal.EditAsync(new ImageEditRequest("A photoreal portrait of the woman in image 1", ImageInput.FromFile("mia.png"))
{
    Model = "fal-ai/flux-2-pro",       // fal-ai/flux-2-pro/edit, with FLUX.2 [pro]'s own field table
    Size = new ImageSize(1024, 1024),  // image_size {width, height}
    Seed = 42,                         // seed
    ExtraFields = new Dictionary<string, JsonNode?> { ["safety_tolerance"] = 2 },   // written as the string "2" fal's schema wants
});
Console.WriteLine($"{result.Model}: ${result.Cost?.Usd:0.000}");
#endregion
