#region image-generator
#pragma warning disable MEAI001 // IImageGenerator is experimental in Microsoft.Extensions.AI
using Microsoft.Extensions.AI;
using Pikumo.ImageGen;
using Pikumo.ImageGen.AI;

using var client = new ImageGenClient(new ImageGenOptions { Provider = ImageProvider.OpenAI });
byte[] photo = await File.ReadAllBytesAsync("mia.png");

IImageGenerator generator = client.AsImageGenerator();
ImageGenerationResponse response = await generator.GenerateAsync(
    new Microsoft.Extensions.AI.ImageGenerationRequest("Mia on a rooftop at dusk", [new DataContent(photo, "image/png")]),
    new ImageGenerationOptions { Count = 2, ModelId = "gpt-image-2", AdditionalProperties = new() { ["quality"] = "low" } });
#endregion
