#region gemini-edit
using Pikumo.ImageGen;

using var gemini = new ImageGenClient(new ImageGenOptions { Provider = ImageProvider.Gemini });   // key: GEMINI_API_KEY
var result = await gemini.EditAsync(new ImageEditRequest("Put the woman of image 1 in the kitchen of image 2", ImageInput.FromFile("mia.png"), ImageInput.FromFile("kitchen.jpg"))
{
    Size = ImageSize.Landscape1536x1024,   // sent as aspectRatio 3:2 and imageSize 1K; the pixels come from the image
    Count = 2,                             // two generateContent calls, in parallel
});
Console.WriteLine($"{result.Images[0].Format} {result.Images[0].Width}x{result.Images[0].Height}, ${result.Cost?.Usd:0.000}");   // Jpeg by default
#endregion
