using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using Pikumo.ImageGen.Cluster.Tests.Infrastructure;
using Pikumo.ImageGen.Orleans;

namespace Pikumo.ImageGen.Cluster.Tests.Quota;

/// <summary>
/// The images-per-window quota counts images, not calls, as a provider's images-per-minute limit does: a call of n
/// images (the library puts n on the request, <see cref="ImageGenHttpRequestOptions.Images"/>) takes n of the window.
/// </summary>
public sealed class ProviderQuotaImagesTests : IAsyncLifetime
{
    private const string Deployment = "images";
    private static readonly ProviderQuota Quota = new() { MaxInFlight = 100, MaxImagesPerWindow = 4, Window = TimeSpan.FromHours(1) };

    private InProcessTestCluster _cluster = null!;
    private ServiceProvider _services = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IProviderQuotaGrain Grain => _cluster.Client.GetGrain<IProviderQuotaGrain>(Deployment);

    public async ValueTask InitializeAsync()
    {
        _cluster = await QuotaCluster.StartAsync(1, Deployment, Quota, new FlakyGrainStorage());
        _services = QuotaCluster.ClientApp(_cluster, Deployment, Quota, new Answer());
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _cluster.DisposeAsync();
    }

    [Fact]
    public async Task Acquire_CallsOfSeveralImages_TakeAsManyOfTheWindow()
    {
        Assert.True((await Grain.AcquireAsync("a", Guid.NewGuid(), 3)).Granted);

        var two = await Grain.AcquireAsync("a", Guid.NewGuid(), 2);
        var one = await Grain.AcquireAsync("a", Guid.NewGuid(), 1);

        Assert.False(two.Granted);                                        // 3 + 2 > 4
        Assert.InRange(two.RetryAfter, TimeSpan.FromMinutes(59), Quota.Window);   // until the first call's images age out
        Assert.True(one.Granted);                                         // 3 + 1 = 4
        var view = await Grain.GetViewAsync();
        Assert.Equal(4, view.StartedInWindow);
        Assert.Equal(4, view.MostStartedInWindowSeen);                    // the high-water mark the cluster tests check
    }

    [Fact]
    public async Task Acquire_MoreImagesThanTheWindowAllows_IsGrantedInAnEmptyWindowOnly()
    {
        Assert.True((await Grain.AcquireAsync("a", Guid.NewGuid(), 6)).Granted);

        Assert.False((await Grain.AcquireAsync("a", Guid.NewGuid(), 1)).Granted);
        Assert.Equal((6, 6), ((await Grain.GetViewAsync()).StartedInWindow, (await Grain.GetViewAsync()).MostStartedInWindowSeen));
    }

    [Fact]
    public async Task Handler_RequestCarryingItsImageCount_AsksForThatMany()
    {
        using var four = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:9/v1/images/edits");
        four.Options.Set(ImageGenHttpRequestOptions.Images, 4);
        var http = _services.GetRequiredService<IHttpClientFactory>().CreateClient(QuotaCluster.PaidClient);

        using (await http.SendAsync(four, Ct))
        {
        }

        Assert.Equal(4, (await Grain.GetViewAsync()).StartedInWindow);
    }

    [Fact]
    public async Task Handler_RequestWithoutAnImageCount_CountsOne()
    {
        var http = _services.GetRequiredService<IHttpClientFactory>().CreateClient(QuotaCluster.PaidClient);

        using (await http.PostAsync("http://127.0.0.1:9/v1/images/edits", null, Ct))
        {
        }

        Assert.Equal(1, (await Grain.GetViewAsync()).StartedInWindow);
    }

    private sealed class Answer : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK));
    }
}
