#pragma warning disable MEAI001 // IImageGenerator is experimental in Microsoft.Extensions.AI
using System.Diagnostics;
using Microsoft.Extensions.AI;
using Pikumo.ImageGen.AI;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;
using MeaiRequest = Microsoft.Extensions.AI.ImageGenerationRequest;

namespace Pikumo.ImageGen.Tests.AI;

/// <summary>
/// A port of Microsoft's unit tests of its own OpenAI image adapter (dotnet/extensions
/// <c>test/Libraries/Microsoft.Extensions.AI.OpenAI.Tests/OpenAIImageGeneratorTests.cs</c>), plus the gaps they found:
/// services, metadata, response format, usage detail, the factory's precedence, parameter names, media types, telemetry.
/// </summary>
public sealed class PikumoImageGeneratorTests
{
    private static readonly byte[] Photo = TestImages.Png(32, 32, seed: 5);

    [Fact]
    public void AsImageGenerator_NullClient_ThrowsNamingIt()
    {
        Assert.Throws<ArgumentNullException>("client", () => ((ImageGenClient)null!).AsImageGenerator());
    }

    [Theory]
    [InlineData(ImageProvider.OpenAI, "openai", "https://simulator.pikumo.test/v1/")]
    [InlineData(ImageProvider.AzureOpenAI, "azure.ai.openai", "https://simulator.pikumo.test/")]
    [InlineData(ImageProvider.Fal, "fal", "https://simulator.pikumo.test/fal/queue/")]
    public void Metadata_NamesProviderAddressAndDefaultModel(ImageProvider provider, string name, string address)
    {
        using var client = new ImageGenSimulator().CreateClient(provider);
        using var generator = client.AsImageGenerator();

        var metadata = generator.GetService<ImageGeneratorMetadata>();

        Assert.Equal((name, new Uri(address), "gpt-image-2"), (metadata?.ProviderName, metadata?.ProviderUri, metadata?.DefaultModelId));
    }

    [Fact]
    public void GetService_ReturnsExpectedServices()
    {
        using var client = new ImageGenSimulator().CreateClient();
        using var generator = client.AsImageGenerator();

        Assert.Same(generator, generator.GetService<IImageGenerator>());
        Assert.Same(generator, generator.GetService<object>());
        Assert.Same(generator, generator.GetService<PikumoImageGenerator>());
        Assert.Same(client, generator.GetService<ImageGenClient>());
        Assert.NotNull(generator.GetService<ImageGeneratorMetadata>());
        Assert.Null(generator.GetService<ImageGenClient>("key"));
        Assert.Null(generator.GetService<string>());
    }

    [Fact]
    public async Task ResponseFormatUri_OnFal_ReturnsTheHostedUrl()
    {
        using var client = Simulator(out _).CreateClient(ImageProvider.Fal);
        using var generator = client.AsImageGenerator();

        var response = await generator.GenerateAsync(new MeaiRequest("a lighthouse"), new ImageGenerationOptions { ResponseFormat = ImageGenerationResponseFormat.Uri }, TestContext.Current.CancellationToken);

        var content = Assert.IsType<UriContent>(Assert.Single(response.Contents));
        var image = Assert.Single(((ImageResult)response.RawRepresentation!).Images);
        Assert.Equal(new Uri(image.SourceUrl!), content.Uri);
        Assert.Equal("image/png", content.MediaType);
    }

    [Theory]
    [InlineData(ImageProvider.OpenAI, ImageGenerationResponseFormat.Uri)]
    [InlineData(ImageProvider.Fal, ImageGenerationResponseFormat.Data)]
    [InlineData(ImageProvider.Fal, null)]
    public async Task ResponseFormat_WithoutAHostedUrlOrNotAsked_ReturnsData(ImageProvider provider, ImageGenerationResponseFormat? format)
    {
        using var client = Simulator(out _).CreateClient(provider);
        using var generator = client.AsImageGenerator();

        var response = await generator.GenerateAsync(new MeaiRequest("a lighthouse"), new ImageGenerationOptions { ResponseFormat = format }, TestContext.Current.CancellationToken);

        Assert.False(Assert.IsType<DataContent>(Assert.Single(response.Contents)).Data.IsEmpty);
    }

    [Fact]
    public async Task Usage_CarriesTheTextAndImageTokenSplit()
    {
        await using var server = await LoopbackServer.StartAsync(c => OpenAIResponses.WriteAsync(c, OpenAIResponses.ImagesJson([TestImages.Png()], inputText: 300, inputImage: 7400, outputImage: 210)));
        using var client = Clients.OpenAI(server.Address);
        using var generator = client.AsImageGenerator();

        var response = await generator.GenerateAsync(new MeaiRequest("x", [new DataContent(Photo, "image/png")]), cancellationToken: TestContext.Current.CancellationToken);

        var counts = response.Usage!.AdditionalCounts!;
        Assert.Equal((300L, 7400L, 210L), (counts["InputTokenDetails.TextTokenCount"], counts["InputTokenDetails.ImageTokenCount"], counts["OutputTokenDetails.ImageTokenCount"]));
        Assert.Equal(7700, response.Usage.InputTokenCount);
    }

    [Fact]
    public async Task RawRepresentationFactory_Wins_OptionsOnlyFillWhatItLeavesUnset()
    {
        using var client = Simulator(out var simulator).CreateClient();
        using var generator = client.AsImageGenerator();
        var options = new ImageGenerationOptions
        {
            Count = 2,
            ImageSize = new System.Drawing.Size(1024, 1024),
            AdditionalProperties = new() { ["quality"] = "low", ["background"] = "opaque" },
            RawRepresentationFactory = _ => new ImageGenerateRequest { Prompt = "ignored", Quality = ImageQuality.High, Size = ImageSize.Landscape1536x1024 },
        };

        await generator.GenerateAsync(new MeaiRequest("a lighthouse"), options, TestContext.Current.CancellationToken);

        var fields = Assert.Single(simulator.Recorder.ImageCalls).Fields;
        Assert.Equal(("high", "1536x1024", "opaque", "2", "a lighthouse"), (fields["quality"], fields["size"], fields["background"], fields["n"], fields["prompt"]));
    }

    [Fact]
    public async Task RawRepresentationFactory_GenerationRequestWithImages_BecomesTheEditKeepingItsSettings()
    {
        using var client = Simulator(out var simulator).CreateClient();
        using var generator = client.AsImageGenerator();
        // Background, not moderation: OpenAI's published edit schema has no moderation field, and the simulator follows it.
        var options = new ImageGenerationOptions { RawRepresentationFactory = _ => new ImageGenerateRequest { Prompt = "p", Quality = ImageQuality.Medium, Background = ImageBackground.Opaque } };

        await generator.GenerateAsync(new MeaiRequest("edit it", [new DataContent(Photo, "image/png")]), options, TestContext.Current.CancellationToken);

        var call = Assert.Single(simulator.Recorder.ImageCalls);
        Assert.Equal(SimulatorRoute.OpenAIEdits, call.Route);
        Assert.Equal(("medium", "opaque"), (call.Fields["quality"], call.Fields["background"]));
    }

    [Fact]
    public async Task RemoteUriImage_IsRefusedNamingTheRequestParameter()
    {
        using var client = new ImageGenSimulator().CreateClient();
        using var generator = client.AsImageGenerator();

        var error = await Assert.ThrowsAsync<ArgumentException>("request", () => generator.GenerateAsync(
            new MeaiRequest("x", [new UriContent("https://example.com/a.png", "image/png")]), cancellationToken: TestContext.Current.CancellationToken));

        Assert.Contains("request.OriginalImages[0]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownMediaType_IsRefusedNamingTheOptionsParameter()
    {
        using var client = new ImageGenSimulator().CreateClient();
        using var generator = client.AsImageGenerator();

        var error = await Assert.ThrowsAsync<ArgumentException>("options", () => generator.GenerateAsync(
            new MeaiRequest("x"), new ImageGenerationOptions { MediaType = "image/gif" }, TestContext.Current.CancellationToken));

        Assert.Contains("options.MediaType 'image/gif'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("jpeg", null, "image/jpeg")]
    [InlineData(null, "image/webp", "image/webp")]
    [InlineData(null, null, "image/png")]
    public async Task UnreadableImageBytes_TakeTheReportedOrRequestedFormat_NotOctetStream(string? echoed, string? requested, string expected)
    {
        // The built-in transports refuse bytes that are not an image; a custom transport may not.
        byte[] unreadable = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16];
        using var client = new CannedClient(new ImageResult { Images = [new GeneratedImage(0, unreadable)], OutputFormat = echoed is null ? default(ImageFormat?) : new ImageFormat(echoed) });
        using var generator = client.AsImageGenerator();

        var response = await generator.GenerateAsync(new MeaiRequest("x"), new ImageGenerationOptions { MediaType = requested }, TestContext.Current.CancellationToken);

        Assert.Equal(expected, Assert.IsType<DataContent>(Assert.Single(response.Contents)).MediaType);
    }

    [Fact]
    public async Task UseOpenTelemetry_OneGenAISpanAndItCarriesThePikumoFacts()
    {
        var spans = new List<Activity>();
        using var root = new ActivitySource("Pikumo.ImageGen.Tests.AI");
        using var listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (spans) { spans.Add(a); } },
        };
        ActivitySource.AddActivityListener(listener);
        using var client = Simulator(out _).CreateClient();
        using var generator = new ImageGeneratorBuilder(client.AsImageGenerator()).UseOpenTelemetry().Build();

        using (var test = root.StartActivity("test"))
        {
            await generator.GenerateAsync(new MeaiRequest("a lighthouse"), cancellationToken: TestContext.Current.CancellationToken);
            var mine = Mine(spans, test!.TraceId);
            var genAI = Assert.Single(mine, a => a.GetTagItem("gen_ai.operation.name") is not null);
            Assert.NotEqual(ImageGenTelemetrySourceName, genAI.Source.Name);
            Assert.NotNull(genAI.GetTagItem("pikumo.imagegen.cost_usd"));
            Assert.DoesNotContain(mine, a => a.Source.Name == ImageGenTelemetrySourceName);
        }

        using (var test = root.StartActivity("test-without-meai"))
        {
            await client.GenerateAsync(new ImageGenerateRequest("a lighthouse"), TestContext.Current.CancellationToken);
            Assert.Single(Mine(spans, test!.TraceId), a => a.Source.Name == ImageGenTelemetrySourceName);
        }
    }

    private const string ImageGenTelemetrySourceName = Pikumo.ImageGen.Diagnostics.ImageGenTelemetry.SourceName;

    private static Activity[] Mine(List<Activity> spans, ActivityTraceId trace)
    {
        lock (spans)
        {
            return [.. spans.Where(a => a.TraceId == trace && a.Source.Name != "Pikumo.ImageGen.Tests.AI")];
        }
    }

    private static ImageGenSimulator Simulator(out ImageGenSimulator simulator) =>
        simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });

    private sealed class CannedClient(ImageResult result) : ImageGenClient(new ImageGenSimulator().CreateOptions(), new HttpClient(new NoNetworkHandler()))
    {
        public override Task<ImageResult> GenerateAsync(ImageGenerateRequest request, CancellationToken cancellationToken = default) => Task.FromResult(result);
    }
}
