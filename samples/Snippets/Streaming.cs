#region streaming
using Pikumo.ImageGen;

using var client = new ImageGenClient(new ImageGenOptions { Provider = ImageProvider.OpenAI });
var request = new ImageEditRequest("Mia reading on a sunlit balcony, painted anime", ImageInput.FromFile("mia.png"))
{
    Quality = ImageQuality.Low,
    PartialImages = 2,
};
await foreach (ImageStreamUpdate update in client.StreamEditAsync(request))
{
    var name = update.Kind == ImageStreamUpdateKind.Partial ? $"partial-{update.PartialImageIndex}" : $"final-{update.Image.Index}";
    await update.Image.SaveAsync(Path.Combine("out", name + update.Image.FileExtension), overwrite: true);
    Console.WriteLine($"{update.Elapsed.TotalSeconds,5:0.00} s  {name}  {update.Image.Width}x{update.Image.Height}  {update.Cost}");
}
#endregion
