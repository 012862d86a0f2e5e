#region client-without-di
using Pikumo.ImageGen;

var options = new ImageGenOptions { Provider = ImageProvider.OpenAI };   // the key comes from OPENAI_API_KEY
using var client = new ImageGenClient(options);

ImageResult result = await client.EditAsync(
    new ImageEditRequest("Mia drinks her morning coffee, painted anime", ImageInput.FromFile("mia.png"), ImageInput.FromFile("kitchen.jpg"))
    {
        Count = 4,
        Quality = ImageQuality.Low,
        InputFidelity = InputFidelity.High,
    });

// coffee-0.png … coffee-3.png; run it again and the new images take free names (coffee-0 (2).png …), never replacing paid ones.
IReadOnlyList<string> files = await result.SaveAllAsync("out", "coffee");
Console.WriteLine($"{result.Images.Count} images, {result.Cost}, {result.Elapsed.TotalSeconds:0.0} s, request {result.RequestId}");
#endregion
