#region loopback
using Pikumo.ImageGen;
using Pikumo.ImageGen.Testing;
using Xunit;

namespace MyApp.Tests;

public sealed class LoopbackTests
{
    [Fact]
    public async Task Generate_OverARealSocket_Works()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        await using var server = await simulator.StartServerAsync(TestContext.Current.CancellationToken); // http://127.0.0.1:{free port}/
        using var client = server.CreateClient(ImageProvider.AzureOpenAI);

        var result = await client.GenerateAsync(new ImageGenerateRequest { Prompt = "a red kite" }, TestContext.Current.CancellationToken);

        // Other HTTP stacks: OpenAI at {BaseAddress}v1/, Azure at {BaseAddress}, fal at {BaseAddress}fal/…
        var options = server.CreateOptions(ImageProvider.OpenAI); // keys, base addresses, fal trusted host
        Assert.Equal(new Uri(server.BaseAddress, "v1/"), options.OpenAI.BaseAddress);
        Assert.Single(result.Images);
    }
}
#endregion
