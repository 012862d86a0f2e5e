using System.Text;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Http;

/// <summary>Images come back byte-identical to what the server encoded, with usage, cost, timing and request id.</summary>
public sealed class ResponseDecodingTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public async Task EditAsync_MultiMegabyteImages_DecodeByteIdentical(int count)
    {
        var images = Enumerable.Range(0, count).Select(i => TestImages.Png(1024, 1024, seed: i, noise: true)).ToArray();
        Assert.All(images, i => Assert.True(i.Length > 2_500_000));
        await using var server = await LoopbackServer.StartAsync(c => OpenAIResponses.WriteAsync(c, OpenAIResponses.ImagesJson(images)));
        using var client = Clients.OpenAI(server.Address);

        var result = await client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())) { Count = count }, TestContext.Current.CancellationToken);

        Assert.Equal(count, result.Images.Count);
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(i, result.Images[i].Index);
            Assert.True(images[i].AsSpan().SequenceEqual(result.Images[i].Data.Span));
            Assert.Equal(ImageFormat.Png, result.Images[i].Format);
            Assert.Equal((1024, 1024), (result.Images[i].Width, result.Images[i].Height));
        }
    }

    [Fact]
    public async Task EditAsync_SeedUsage_CostsTheSeedsSixPointSevenCents()
    {
        // gpt-image-2 list prices: text in $5/M, image in $8/M, image out $30/M. 300 + 7,400 + 210 tokens = $0.067, the seed's per-image cost.
        await using var server = await LoopbackServer.StartAsync(c => OpenAIResponses.WriteAsync(c, OpenAIResponses.ImagesJson([TestImages.Png()], inputText: 300, inputImage: 7400, outputImage: 210)));
        using var client = Clients.OpenAI(server.Address);

        var result = await client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())) { Quality = ImageQuality.Low }, TestContext.Current.CancellationToken);

        Assert.Equal(new ImageUsage { InputTokens = 7700, OutputTokens = 210, TotalTokens = 7910, InputTextTokens = 300, InputImageTokens = 7400, OutputImageTokens = 210 }, result.Usage);
        Assert.Equal(new ImageCost(0.067m, ImageCostBasis.Usage), result.Cost);
        Assert.Equal("req_test_123", result.RequestId);
        Assert.Equal(TimeSpan.FromMilliseconds(1234), result.ProcessingTime);
        Assert.Equal("openai", result.Provider);
        Assert.Equal("gpt-image-2", result.Model);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1713833628), result.Created);
        Assert.Equal(((ImageSize?)ImageSize.Square1024, (ImageQuality?)ImageQuality.Low, (ImageBackground?)ImageBackground.Opaque, (ImageFormat?)ImageFormat.Png), (result.Size, result.Quality, result.Background, result.OutputFormat));
        Assert.True(result.Elapsed > TimeSpan.Zero);
    }

    [Fact]
    public async Task EditAsync_OverriddenPrice_IsUsed()
    {
        await using var server = await LoopbackServer.StartAsync(c => OpenAIResponses.WriteAsync(c, OpenAIResponses.ImagesJson([TestImages.Png()], inputText: 1_000_000, inputImage: 0, outputImage: 0)));
        using var client = Clients.OpenAI(server.Address, o => o.Prices = o.Prices.With("openai", "gpt-image-2", new ImageModelPrice { TextInputPerMillion = 1.5m }));

        var result = await client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken);

        Assert.Equal(1.5m, result.Cost!.Value.Usd);
    }

    [Fact]
    public async Task EditAsync_UnpricedModel_HasNoCost()
    {
        await using var server = await LoopbackServer.StartAsync(c => OpenAIResponses.WriteAsync(c, OpenAIResponses.ImagesJson([TestImages.Png()])));
        using var client = Clients.OpenAI(server.Address);

        var result = await client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())) { Model = "gpt-image-9" }, TestContext.Current.CancellationToken);

        Assert.Null(result.Cost);
    }

    [Fact]
    public async Task EditAsync_EscapedSlashesAndUnknownFields_AreHandled()
    {
        var image = TestImages.Png(200, 100, noise: true);
        var escaped = Convert.ToBase64String(image).Replace("/", "\\/", StringComparison.Ordinal);
        var json = new StringBuilder()
            .Append("{\"created\":5,\"future_field\":{\"nested\":[1,2,{\"deep\":\"x\"}]},\"data\":[{\"b64_json\":\"").Append(escaped)
            .Append("\",\"revised_prompt\":\"a revised prompt\",\"content_filter_results\":{\"sexual\":{\"filtered\":false,\"severity\":\"safe\"}}}]}")
            .ToString();
        await using var server = await LoopbackServer.StartAsync(c => OpenAIResponses.WriteAsync(c, json));
        using var client = Clients.OpenAI(server.Address);

        var result = await client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken);

        Assert.Equal(image, result.Images[0].Data.ToArray());
        Assert.Equal("a revised prompt", result.Images[0].RevisedPrompt);
        Assert.Null(result.Usage);
    }

    [Fact]
    public async Task SaveAllAsync_WritesEachImageAtomicallyAndNeverReplacesAFile()
    {
        var images = new[] { TestImages.Png(seed: 1), TestImages.Png(seed: 2) };
        await using var server = await LoopbackServer.StartAsync(c => OpenAIResponses.WriteAsync(c, OpenAIResponses.ImagesJson(images)));
        using var client = Clients.OpenAI(server.Address);
        using var folder = new TempFolder();
        var result = await client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())) { Count = 2 }, TestContext.Current.CancellationToken);

        var paths = await result.SaveAllAsync(folder.Path, "coffee", cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal([Path.Combine(folder.Path, "coffee-0.png"), Path.Combine(folder.Path, "coffee-1.png")], paths);
        Assert.Equal(images[1], await File.ReadAllBytesAsync(paths[1], TestContext.Current.CancellationToken));
        Assert.Equal(2, Directory.GetFiles(folder.Path).Length);
        var again = await result.SaveAllAsync(folder.Path, "coffee", cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal([Path.Combine(folder.Path, "coffee-0 (2).png"), Path.Combine(folder.Path, "coffee-1 (2).png")], again);
        await Assert.ThrowsAsync<ArgumentException>(() => result.SaveAllAsync(folder.Path, "../escape", cancellationToken: TestContext.Current.CancellationToken));
    }
}
