using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Testing.Tests.Fakes;

/// <summary>The callback fake and the model factory users' own tests build on.</summary>
public sealed class FakeImageTransportTests
{
    [Fact]
    public async Task NoCallback_AnswersAsManyPngsAsAskedForOfTheAskedSize_AndRecordsTheCall()
    {
        var fake = new FakeImageTransport();
        using var client = fake.CreateClient();

        var result = await client.GenerateAsync(new ImageGenerateRequest { Prompt = "a kite", Count = 2, Size = ImageSize.Landscape1536x1024 }, TestContext.Current.CancellationToken);

        Assert.Equal(2, result.Images.Count);
        Assert.All(result.Images, image => Assert.True(image.Format == ImageFormat.Png && image.Width == 1536 && image.Height == 1024));
        Assert.NotEqual(result.Images[0].Data.ToArray(), result.Images[1].Data.ToArray());
        Assert.Equal("fake", result.Provider);
        Assert.Equal("req_fake_0001", result.RequestId);
        var sent = Assert.Single(fake.Requests);
        Assert.Equal("a kite", sent.Prompt);
        Assert.True(sent.RequestSent);
    }

    [Fact]
    public async Task BadRequest_IsRefusedByTheClient_BeforeTheFakeSeesIt()
    {
        var fake = new FakeImageTransport();
        using var client = fake.CreateClient();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.GenerateAsync(new ImageGenerateRequest { Prompt = "a kite", Count = 11 }, TestContext.Current.CancellationToken));

        Assert.Empty(fake.Requests);
    }

    [Fact]
    public async Task AdjustCapabilities_NarrowsWhatTheClientAccepts()
    {
        var fake = new FakeImageTransport { AdjustCapabilitiesCallback = c => c with { MaxCount = 2 } };
        using var client = fake.CreateClient();

        await Assert.ThrowsAnyAsync<ArgumentException>(() => client.GenerateAsync(new ImageGenerateRequest { Prompt = "a kite", Count = 3 }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Streaming_WithoutAStreamCallback_YieldsTheFinalImages()
    {
        var fake = new FakeImageTransport();
        using var client = fake.CreateClient();
        var updates = new List<ImageStreamUpdate>();

        await foreach (var update in client.StreamGenerateAsync(new ImageGenerateRequest { Prompt = "a kite", Size = ImageSize.Square1024, PartialImages = 1 }, TestContext.Current.CancellationToken))
        {
            updates.Add(update);
        }

        var final = Assert.Single(updates);
        Assert.Equal(ImageStreamUpdateKind.Completed, final.Kind);
        Assert.Equal(1024, final.Image.Width);
    }

    [Fact]
    public async Task GetResult_UsesItsCallback_OrIsNotSupported()
    {
        var fake = new FakeImageTransport();
        using var client = fake.CreateClient();
        await Assert.ThrowsAsync<NotSupportedException>(() => client.GetResultAsync("job-1", TestContext.Current.CancellationToken));

        fake.GetResultAsyncCallback = (id, ct) => Task.FromResult(ImageGenModelFactory.ImageResult(requestId: id, provider: "fake"));
        var result = await client.GetResultAsync("job-1", TestContext.Current.CancellationToken);

        Assert.Equal("job-1", result.RequestId);
    }

    [Fact]
    public void ModelFactory_Defaults_AreAValidResult()
    {
        var result = ImageGenModelFactory.ImageResult(imageCount: 3);
        var usage = ImageGenModelFactory.ImageUsage(inputTextTokens: 10, inputImageTokens: 20, outputImageTokens: 30);

        Assert.Equal(3, result.Images.Count);
        Assert.Equal([0, 1, 2], result.Images.Select(i => i.Index));
        Assert.All(result.Images, image => Assert.Equal(ImageFormat.Png, image.Format));
        Assert.Equal(new ImageCost(0.011m, ImageCostBasis.Usage), result.Cost);
        Assert.Equal((30L, 30L, 60L), (usage.InputTokens, usage.OutputTokens, usage.TotalTokens));
        Assert.Equal(ImageStreamUpdateKind.Partial, ImageGenModelFactory.ImageStreamUpdate(ImageStreamUpdateKind.Partial).Kind);
        Assert.Equal(0, ImageGenModelFactory.ImageStreamUpdate(ImageStreamUpdateKind.Partial).PartialImageIndex);
        Assert.Equal((200, 100), (ImageGenModelFactory.GeneratedImage(width: 200, height: 100).Width, ImageGenModelFactory.GeneratedImage(width: 200, height: 100).Height));
    }
}
