#pragma warning disable MEAI001 // IImageGenerator is experimental in Microsoft.Extensions.AI
using Microsoft.Extensions.AI;
using Pikumo.ImageGen.AI;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Tests.AI.Upstream;

/// <summary>Microsoft's own <see cref="ImageGeneratorIntegrationTests"/> (vendored) against the adapter on the OpenAI simulator.</summary>
public sealed class OpenAISimulatorImageGeneratorIntegrationTests : ImageGeneratorIntegrationTests
{
    protected override IImageGenerator? CreateGenerator() => SimulatorGenerator.Create(ImageProvider.OpenAI);
}

/// <summary>Microsoft's own <see cref="ImageGeneratorIntegrationTests"/> (vendored) against the adapter on the Azure OpenAI simulator.</summary>
public sealed class AzureSimulatorImageGeneratorIntegrationTests : ImageGeneratorIntegrationTests
{
    protected override IImageGenerator? CreateGenerator() => SimulatorGenerator.Create(ImageProvider.AzureOpenAI);
}

/// <summary>Microsoft's own <see cref="ImageGeneratorIntegrationTests"/> (vendored) against the adapter on the fal simulator.</summary>
public sealed class FalSimulatorImageGeneratorIntegrationTests : ImageGeneratorIntegrationTests
{
    protected override IImageGenerator? CreateGenerator() => SimulatorGenerator.Create(ImageProvider.Fal);
}

/// <summary>A generator over a simulator client that it owns (the adapter itself never disposes the client).</summary>
internal sealed class SimulatorGenerator(ImageGenClient client) : DelegatingImageGenerator(client.AsImageGenerator())
{
    public static IImageGenerator Create(ImageProvider provider) =>
        new SimulatorGenerator(new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 }).CreateClient(provider));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            client.Dispose();
        }

        base.Dispose(disposing);
    }
}
