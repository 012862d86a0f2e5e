#region dependency-injection
using Microsoft.Extensions.DependencyInjection;
using Pikumo.ImageGen;
using Pikumo.ImageGen.Testing;
using Xunit;

namespace MyApp.Tests;

public sealed class DependencyInjectionTests
{
    [Fact]
    public async Task RegisteredClient_WithUseSimulator_CallsTheSimulator()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        var services = new ServiceCollection();
        services.AddPikumoImageGen(o => o.Provider = ImageProvider.AzureOpenAI)
            .UseSimulator(simulator); // primary handler + options pointed at the simulator

        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<ImageGenClient>();
        var photo = ImageInput.FromBytes(ImageGenModelFactory.Png());
        var result = await client.EditAsync(new ImageEditRequest("a quiet street", photo), TestContext.Current.CancellationToken);

        Assert.Equal(SimulatorRoute.AzureEdits, simulator.Recorder.Single().Route);
        Assert.Single(result.Images);
    }
}
#endregion
