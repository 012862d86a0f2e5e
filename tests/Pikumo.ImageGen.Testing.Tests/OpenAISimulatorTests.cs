using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Testing.Tests;

/// <summary>The OpenAI wire through the library's client and the simulator, in process and over loopback.</summary>
public sealed class OpenAISimulatorTests
{
    [Theory]
    [MemberData(nameof(SimulatorHarness.Wires), MemberType = typeof(SimulatorHarness))]
    public async Task EditAsync_TwoReferencesAndCountTwo_ReturnsTwoPngsOfTheRequestedSizeAndRecordsEveryPart(Wire wire)
    {
        await using var harness = await SimulatorHarness.StartAsync(wire);
        var photo = TestImages.Png(64, 48, seed: 3);
        var jpeg = TestImages.Jpeg(800, 600);

        var result = await harness.Client.EditAsync(
            new ImageEditRequest("the subject drinks morning coffee", ImageInput.FromBytes(photo), ImageInput.FromBytes(jpeg))
            {
                Model = ImageModel.GptImage2,
                Count = 2,
                Size = new ImageSize(1536, 1024),
                Quality = ImageQuality.Low,
                InputFidelity = InputFidelity.High,
            },
            TestContext.Current.CancellationToken);

        Assert.Equal(2, result.Images.Count);
        foreach (var image in result.Images)
        {
            PngAssert.Valid(image.Data, 1536, 1024);
        }

        Assert.NotEqual(result.Images[0].Data.ToArray(), result.Images[1].Data.ToArray());
        Assert.StartsWith("req_", result.RequestId, StringComparison.Ordinal);
        Assert.Equal(ImageSize.Landscape1536x1024, result.Size);
        Assert.Equal(ImageQuality.Low, result.Quality);
        Assert.NotNull(result.Usage);
        Assert.Equal(2 * ImageTokenModel.GptImage2.HighFidelityReferenceTokens, result.Usage.InputImageTokens);
        Assert.Equal(result.Usage.InputTokens + result.Usage.OutputTokens, result.Usage.TotalTokens);

        var request = Assert.Single(harness.Recorder);
        Assert.Equal(SimulatorRoute.OpenAIEdits, request.Route);
        Assert.Equal(ImageProvider.OpenAI, request.Provider);
        Assert.Equal("/v1/images/edits", request.Path);
        Assert.Equal("gpt-image-2", request.Model);
        Assert.Equal("the subject drinks morning coffee", request.Prompt);
        Assert.Equal("2", request.Fields["n"]);
        Assert.Equal("high", request.Fields["input_fidelity"]);
        Assert.Collection(
            request.Images,
            i => Assert.Equal(("image[]", "image-1.png", "image/png", 64, 48), (i.Field, i.FileName, i.ContentType, i.Width, i.Height)),
            i => Assert.Equal(("image[]", "image-2.jpg", "image/jpeg", 800, 600), (i.Field, i.FileName, i.ContentType, i.Width, i.Height)));
        Assert.Equal(photo, request.Images[0].Data.ToArray());
        Assert.Equal(System.Net.HttpStatusCode.OK, request.StatusCode);
    }

    [Theory]
    [MemberData(nameof(SimulatorHarness.Wires), MemberType = typeof(SimulatorHarness))]
    public async Task GenerateAsync_SizeOmitted_ReturnsOneSquarePng(Wire wire)
    {
        await using var harness = await SimulatorHarness.StartAsync(wire);

        var result = await harness.Client.GenerateAsync(new ImageGenerateRequest { Prompt = "a lighthouse at dusk" }, TestContext.Current.CancellationToken);

        var image = Assert.Single(result.Images);
        PngAssert.Valid(image.Data, 1024, 1024);
        var request = Assert.Single(harness.Recorder);
        Assert.Equal(SimulatorRoute.OpenAIGenerations, request.Route);
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);
        Assert.Equal("a lighthouse at dusk", request.Prompt);
    }

    [Theory]
    [MemberData(nameof(SimulatorHarness.Wires), MemberType = typeof(SimulatorHarness))]
    public async Task StreamEditAsync_TwoPartialImages_YieldsPartialsThenTheCompletedImage(Wire wire)
    {
        await using var harness = await SimulatorHarness.StartAsync(wire);
        var updates = new List<ImageStreamUpdate>();

        await foreach (var update in harness.Client.StreamEditAsync(
            new ImageEditRequest("a quiet street", ImageInput.FromBytes(TestImages.Png(32, 32))) { Size = ImageSize.Square1024, PartialImages = 2 },
            TestContext.Current.CancellationToken))
        {
            updates.Add(update);
        }

        Assert.Equal([ImageStreamUpdateKind.Partial, ImageStreamUpdateKind.Partial, ImageStreamUpdateKind.Completed], updates.Select(u => u.Kind));
        Assert.Equal([0, 1], updates.Take(2).Select(u => u.PartialImageIndex ?? -1));
        foreach (var update in updates)
        {
            PngAssert.Valid(update.Image.Data, 1024, 1024);
        }

        Assert.NotEqual(updates[0].Image.Data.ToArray(), updates[2].Image.Data.ToArray());
        Assert.NotNull(updates[2].Usage);
        Assert.Equal("true", harness.Recorder.Last!.Fields["stream"]);
    }

    [Fact]
    public async Task EditAsync_SizeAuto_DrawsAtTheFirstReferenceSizeWhenTheModelAcceptsIt()
    {
        await using var harness = await SimulatorHarness.StartAsync(Wire.InProcess);

        var result = await harness.Client.EditAsync(
            new ImageEditRequest("keep the framing", ImageInput.FromBytes(TestImages.Png(1280, 720))) { Size = ImageSize.Auto },
            TestContext.Current.CancellationToken);

        PngAssert.Valid(Assert.Single(result.Images).Data, 1280, 720);
        Assert.Equal(new ImageSize(1280, 720), result.Size);
    }

    [Fact]
    public async Task JsonEdit_ImageUrlAsDataUri_IsAcceptedAndRecordedWithItsBytes()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var http = simulator.CreateHttpClient();
        var photo = TestImages.Png(40, 30);
        var body = $$"""{"model":"gpt-image-2","prompt":"p","size":"1024x1024","images":[{"image_url":"data:image/png;base64,{{Convert.ToBase64String(photo)}}"}]}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/images/edits") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new("Bearer", simulator.Options.OpenAIApiKey);

        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var image = simulator.Recorder.Single().Images.Single();
        Assert.Equal(("images[0]", "image/png", "data:image/png;base64,…"), (image.Field, image.ContentType, image.Url));
        Assert.Equal(photo, image.Data.ToArray());
    }
}
