#region quickstart-edit
using Pikumo.ImageGen;

using var client = new ImageGenClient(new ImageGenOptions { Provider = ImageProvider.OpenAI });   // key: OPENAI_API_KEY

var request = new ImageEditRequest("Turn this photo into a painted anime scene of her drinking morning coffee by a window",
    ImageInput.FromFile("mia.png"))
{
    Quality = ImageQuality.Low,
    InputFidelity = InputFidelity.High,
    Size = ImageSize.Square1024,
};
ImageResult result = await client.EditAsync(request);
IReadOnlyList<string> files = await result.SaveAllAsync("out", "coffee");   // free names: a second run keeps the first run's images
Console.WriteLine($"{result.Images.Count} image(s), {result.Cost}, {result.Elapsed.TotalSeconds:0.0} s, request id {result.RequestId}");
#endregion
