#pragma warning disable MEAI001 // IImageGenerator is experimental in Microsoft.Extensions.AI
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Pikumo.ImageGen.AI;
using Pikumo.ImageGen.Tests.Infrastructure;
using MeaiRequest = Microsoft.Extensions.AI.ImageGenerationRequest;

namespace Pikumo.ImageGen.Tests.AI;

/// <summary>The Microsoft.Extensions.AI adapter: edits with every original image, generations without, options mapped.</summary>
public sealed class ImageGeneratorAdapterTests
{
    [Fact]
    public async Task GenerateAsync_WithOriginalImages_EditsWithEveryImageAndMapsOptions()
    {
        var log = new RequestLog();
        var output = TestImages.Png(32, 32, seed: 7);
        await using var server = await LoopbackServer.StartAsync(async c =>
        {
            log.Add(await ReceivedRequest.ReadAsync(c.Request));
            await OpenAIResponses.WriteAsync(c, OpenAIResponses.ImagesJson([output, output]));
        });
        using var client = Clients.OpenAI(server.Address);
        using var generator = client.AsImageGenerator();
        var first = TestImages.Png(16, 16, seed: 1);
        var second = TestImages.Png(16, 16, seed: 2);

        var response = await generator.GenerateAsync(
            new MeaiRequest("two friends at a cafe", [new DataContent(first, "image/png"), new DataContent(second, "image/png")]),
            new ImageGenerationOptions
            {
                Count = 2,
                ImageSize = new System.Drawing.Size(1536, 1024),
                MediaType = "image/webp",
                ModelId = "gpt-image-2",
                AdditionalProperties = new() { ["quality"] = "low", ["input_fidelity"] = "high" },
            },
            TestContext.Current.CancellationToken);

        var request = log.Only;
        Assert.Equal("/v1/images/edits", request.Path);
        Assert.Equal([first, second], request.Files.Select(f => f.Bytes));
        Assert.All(request.Files, f => Assert.Equal("image[]", f.Name));
        Assert.Equal(("2", "1536x1024", "webp", "low", "high"), (request.Fields["n"], request.Fields["size"], request.Fields["output_format"], request.Fields["quality"], request.Fields["input_fidelity"]));
        Assert.Equal(2, response.Contents.Count);
        Assert.All(response.Contents, c => Assert.Equal(output, Assert.IsType<DataContent>(c).Data.ToArray()));
        Assert.IsType<ImageResult>(response.RawRepresentation);
        Assert.Equal(7910, response.Usage!.TotalTokenCount);
    }

    [Fact]
    public async Task GenerateAsync_WithoutImages_Generates()
    {
        var log = new RequestLog();
        await using var server = await LoopbackServer.StartAsync(async c =>
        {
            log.Add(await ReceivedRequest.ReadAsync(c.Request));
            await OpenAIResponses.WriteAsync(c, OpenAIResponses.ImagesJson([TestImages.Png()]));
        });
        var services = new ServiceCollection();
        services.AddPikumoImageGen(o =>
        {
            o.UseEnvironmentVariables = false;
            o.OpenAI.ApiKey = Clients.ApiKey;
            o.OpenAI.BaseAddress = new Uri(server.Address, "v1/");
        });
        services.AddPikumoImageGenerator();
        await using var provider = services.BuildServiceProvider();
        var generator = provider.GetRequiredService<IImageGenerator>();

        var response = await generator.GenerateAsync(new MeaiRequest("a lighthouse"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal("/v1/images/generations", log.Only.Path);
        Assert.Single(response.Contents);
        Assert.Equal("openai", generator.GetService<ImageGeneratorMetadata>()!.ProviderName);
        Assert.Same(provider.GetRequiredService<ImageGenClient>(), generator.GetService<ImageGenClient>());
    }

    [Fact]
    public async Task GenerateAsync_RemoteUriImage_IsRefusedNamingIt()
    {
        using var client = Clients.OpenAI(new Uri("http://127.0.0.1:9/"));
        using var generator = client.AsImageGenerator();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => generator.GenerateAsync(
            new MeaiRequest("x", [new UriContent("https://example.com/a.png", "image/png")]), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("request.OriginalImages[0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GenerateAsync_OnTheSimulator_RoundTripsAnEditAndAGeneration()
    {
        var simulator = new Pikumo.ImageGen.Testing.ImageGenSimulator(new Pikumo.ImageGen.Testing.SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var generator = client.AsImageGenerator();
        var photo = TestImages.Png(32, 32, seed: 3);

        var edit = await generator.GenerateAsync(
            new MeaiRequest("two variants", [new DataContent(photo, "image/png"), new DataContent(photo, "image/png")]),
            new ImageGenerationOptions { Count = 2, ImageSize = new System.Drawing.Size(1024, 1536) },
            TestContext.Current.CancellationToken);
        var generation = await generator.GenerateAsync(new MeaiRequest("a lighthouse"), cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, edit.Contents.Count);
        Assert.All(edit.Contents, c => Assert.Equal("image/png", Assert.IsType<DataContent>(c).MediaType));
        Assert.Equal((1024, 1536), (((ImageResult)edit.RawRepresentation!).Images[0].Width, ((ImageResult)edit.RawRepresentation!).Images[0].Height));
        Assert.Single(generation.Contents);
        Assert.Equal(2, simulator.Recorder.Single(r => r.Route == Pikumo.ImageGen.Testing.SimulatorRoute.OpenAIEdits).Images.Count);
        Assert.Single(simulator.Recorder, r => r.Route == Pikumo.ImageGen.Testing.SimulatorRoute.OpenAIGenerations);
    }
}
