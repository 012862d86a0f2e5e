#region user-service-test
using Pikumo.ImageGen;
using Pikumo.ImageGen.Testing;
using Xunit;

namespace MyApp.Tests;

// Your code: a service that renders a book cover and keeps what it cost.
public sealed class CoverService(ImageGenClient images)
{
    public decimal SpentUsd { get; private set; }

    public async Task<byte[]> RenderCoverAsync(string title, CancellationToken cancellationToken)
    {
        ImageResult result = await images.GenerateAsync(
            new ImageGenerateRequest { Prompt = $"A storybook cover titled '{title}'", Size = ImageSize.Portrait1024x1536, Quality = ImageQuality.Medium },
            cancellationToken);
        SpentUsd += result.Cost?.Usd ?? 0m;
        return result.Images[0].Data.ToArray();
    }
}

// Its tests: a callback fake instead of a provider, results from the model factory.
public sealed class CoverServiceTests
{
    [Fact]
    public async Task RenderCover_AsksForAPortraitCover_AndAddsUpTheCost()
    {
        var fake = new FakeImageTransport
        {
            SendAsyncCallback = (request, cancellationToken) => Task.FromResult(
                ImageGenModelFactory.ImageResult(cost: new ImageCost(0.042m, ImageCostBasis.Usage))),
        };
        using var client = fake.CreateClient();
        var covers = new CoverService(client);

        byte[] png = await covers.RenderCoverAsync("Mia's Day", TestContext.Current.CancellationToken);

        var sent = Assert.Single(fake.Requests);
        Assert.Contains("Mia's Day", sent.Prompt, StringComparison.Ordinal);
        Assert.Equal(ImageSize.Portrait1024x1536, sent.Size);
        Assert.Equal(ImageQuality.Medium, sent.Quality);
        Assert.Equal(0.042m, covers.SpentUsd);
        Assert.Equal(0x89, png[0]);   // a real PNG
    }

    [Fact]
    public async Task RenderCover_WhenTheProviderRefuses_LetsTheRefusalThrough()
    {
        var fake = new FakeImageTransport
        {
            SendAsyncCallback = (request, cancellationToken) =>
                throw new ImageGenContentPolicyException("blocked by the test", new ProviderErrorDetails { Provider = "fake", Categories = ["violence"] }),
        };
        using var client = fake.CreateClient();

        await Assert.ThrowsAsync<ImageGenContentPolicyException>(
            () => new CoverService(client).RenderCoverAsync("Dragons", TestContext.Current.CancellationToken));
    }
}
#endregion
