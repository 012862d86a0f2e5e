using Microsoft.Extensions.DependencyInjection;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Tests.Transports;

/// <summary>
/// Every request that makes images carries how many it asks the provider for (<see cref="ImageGenHttpRequestOptions.Images"/>),
/// so a handler in the client's pipeline (a cluster quota, an images-per-minute limiter) counts images, not calls.
/// </summary>
public sealed class ImageCountOptionTests
{
    [Theory]
    [InlineData(ImageProvider.OpenAI, new[] { 3 })]
    [InlineData(ImageProvider.AzureOpenAI, new[] { 3 })]
    [InlineData(ImageProvider.Fal, new[] { 3 })]
    [InlineData(ImageProvider.Gemini, new[] { 1, 1, 1 })]   // one call per image
    public async Task GenerateAsync_ThreeImages_EachPaidRequestSaysHowManyItAsksFor(ImageProvider provider, int[] expected)
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        var seen = new Seen();
        var services = new ServiceCollection();
        services.AddPikumoImageGen(o => o.Provider = provider).UseSimulator(simulator).AddHttpMessageHandler(() => new Capture(seen));
        await using var container = services.BuildServiceProvider();
        var client = container.GetRequiredService<ImageGenClient>();

        var result = await client.GenerateAsync(new ImageGenerateRequest("three foxes") { Count = 3 }, TestContext.Current.CancellationToken);

        Assert.Equal(3, result.Images.Count);
        Assert.Equal(expected, seen.Posts);
        Assert.All(seen.Others, images => Assert.Null(images));   // fal's polls and downloads make no images
    }

    private sealed class Seen
    {
        public List<int?> All { get; } = [];

        public IEnumerable<int> Posts => All.Where(n => n is not null).Select(n => n!.Value);

        public IEnumerable<int?> Others => All.Where(n => n is null);
    }

    private sealed class Capture(Seen seen) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            lock (seen)
            {
                seen.All.Add(request.Options.TryGetValue(ImageGenHttpRequestOptions.Images, out var images) ? images : null);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
