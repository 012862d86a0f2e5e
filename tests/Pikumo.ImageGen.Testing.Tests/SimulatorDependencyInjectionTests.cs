using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;
using Pikumo.ImageGen.Transports.Azure;

namespace Pikumo.ImageGen.Testing.Tests;

/// <summary><c>AddPikumoImageGen(…).UseSimulator(simulator)</c>: one call makes a registered client run offline.</summary>
public sealed class SimulatorDependencyInjectionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ImageProvider.OpenAI, SimulatorRoute.OpenAIEdits)]
    [InlineData(ImageProvider.AzureOpenAI, SimulatorRoute.AzureEdits)]
    public async Task UseSimulator_DefaultClient_CallsTheSimulatorWithItsKeys(ImageProvider provider, SimulatorRoute route)
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        var services = new ServiceCollection();
        services.AddPikumoImageGen(o => o.Provider = provider).UseSimulator(simulator);
        await using var provider2 = services.BuildServiceProvider(validateScopes: true);
        var client = provider2.GetRequiredService<ImageGenClient>();

        var result = await client.EditAsync(new ImageEditRequest("offline", ImageInput.FromBytes(TestImages.Png())) { Size = ImageSize.Square1024 }, Ct);

        PngAssert.Valid(Assert.Single(result.Images).Data, 1024, 1024);
        Assert.Equal(route, simulator.Recorder.Single().Route);
        Assert.Equal(HttpStatusCode.OK, simulator.Recorder.Single().StatusCode);
    }

    [Fact]
    public async Task UseSimulator_NamedClient_IsConfiguredIndependently()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        var services = new ServiceCollection();
        services.AddPikumoImageGen("azure-preview", o =>
        {
            o.Provider = ImageProvider.AzureOpenAI;
            o.Azure.Route = AzureOpenAIRoute.Deployment;
        }).UseSimulator(simulator);
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<IImageGenClientFactory>().GetClient("azure-preview");

        await client.GenerateAsync(new ImageGenerateRequest { Prompt = "p" }, Ct);

        Assert.Equal("/openai/deployments/gpt-image-2/images/generations", simulator.Recorder.Single().Path);
    }

    [Fact]
    public async Task UseSimulator_TransientFault_IsRetriedByTheRegisteredResiliencePipeline()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        simulator.Faults.OnImageCalls(SimulatedFault.ServerError(HttpStatusCode.ServiceUnavailable, retryAfter: TimeSpan.Zero));
        var services = new ServiceCollection();
        services.AddPikumoImageGen(o => o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1)).UseSimulator(simulator);
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<ImageGenClient>().GenerateAsync(new ImageGenerateRequest { Prompt = "p" }, Ct);

        Assert.Equal([HttpStatusCode.ServiceUnavailable, HttpStatusCode.OK], simulator.Recorder.Select(r => r.StatusCode!.Value));
    }
}
