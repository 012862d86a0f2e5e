#region save-as-decoded
using Pikumo.ImageGen;

using var client = new ImageGenClient(new ImageGenOptions { Provider = ImageProvider.OpenAI });
var request = new ImageEditRequest("Mia reading on a sunlit balcony, painted anime", ImageInput.FromFile("mia.png")) { Count = 2 };

// Each image is decoded in slices straight into out/mia-0.png, out/mia-1.png (atomically) while the answer is read.
ImageResult result = await client.EditAsync(request, ImageDestination.ToFiles("out/mia-{index}{ext}"));
foreach (GeneratedImage image in result.Images)
{
    Console.WriteLine($"{image.SavedTo}: {image.Width}x{image.Height}, {image.Length} bytes, sha256 {image.Sha256}");
}

// Or a stream per image (the caller disposes it), or an IBufferWriter<byte> per image:
using var upload = new MemoryStream();
await client.EditAsync(request with { Count = 1 }, ImageDestination.ToStreams(index => upload));
#endregion
