#region recorder
using Pikumo.ImageGen;
using Pikumo.ImageGen.Testing;
using Xunit;

namespace MyApp.Tests;

public sealed class RecorderTests
{
    [Fact]
    public async Task Edit_SendsEveryReferenceAsImageParts()
    {
        byte[] photo = ImageGenModelFactory.Png(64, 64);
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        await client.EditAsync(new ImageEditRequest("a quiet street", ImageInput.FromBytes(photo)) { Quality = ImageQuality.Low }, TestContext.Current.CancellationToken);

        var edit = simulator.Recorder.ImageCalls[^1];
        Assert.Equal(SimulatorRoute.OpenAIEdits, edit.Route);
        Assert.Equal("low", edit.Fields["quality"]);
        Assert.Equal("image[]", edit.Images[0].Field);
        Assert.Equal(ImageFormat.Png, edit.Images[0].Format);     // sniffed from the bytes
        Assert.Equal(photo, edit.Images[0].Data.ToArray());

        Console.WriteLine(simulator.Recorder); // every request; Authorization and api-key show as [REDACTED]
    }
}
#endregion
