#region offline-client
using Pikumo.ImageGen;
using Pikumo.ImageGen.Testing;
using Xunit;

namespace MyApp.Tests;

public sealed class OfflineClientTests
{
    [Fact]
    public async Task Edit_OnTheSimulator_ReturnsARealPngOfTheAskedSize()
    {
        byte[] photo = ImageGenModelFactory.Png(64, 64);                                  // any PNG, JPEG or WEBP
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 }); // 0: answer at once
        using var client = simulator.CreateClient(ImageProvider.OpenAI);

        var result = await client.EditAsync(
            new ImageEditRequest("the subject drinks morning coffee", ImageInput.FromBytes(photo))
            {
                Size = ImageSize.Landscape1536x1024,
                Quality = ImageQuality.Low,
            },
            TestContext.Current.CancellationToken);

        Assert.Equal(1536, result.Images[0].Width);   // a PNG that reads "the subject drinks morning coffee"
    }
}
#endregion
