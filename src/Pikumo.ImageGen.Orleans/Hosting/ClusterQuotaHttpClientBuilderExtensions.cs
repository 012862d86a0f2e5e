using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Runtime;
using Pikumo.ImageGen.Orleans;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Puts an image client's paid calls under a cluster-wide quota.</summary>
public static class ClusterQuotaHttpClientBuilderExtensions
{
    /// <summary>
    /// Makes every paid call (POST) of the client ask the deployment's <see cref="IProviderQuotaGrain"/> before it is sent
    /// and report back after, on every silo or client that registers it. Chain it on <c>AddPikumoImageGen(...)</c>.
    /// </summary>
    /// <param name="builder">The image client's HTTP client builder.</param>
    /// <param name="deployment">The provider deployment's name (the quota grain's key; its limits are <see cref="PikumoStoryOptions.Quotas"/>).</param>
    /// <returns>The builder.</returns>
    public static IHttpClientBuilder AddClusterQuota(this IHttpClientBuilder builder, string deployment)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(deployment);
        builder.Services.TryAddSingleton(TimeProvider.System);
        return builder.AddHttpMessageHandler(sp =>
        {
            var options = sp.GetService<IOptions<PikumoStoryOptions>>()?.Value;
            var limits = options is null ? new ProviderQuota() : options.Quotas.TryGetValue(deployment, out var quota) ? quota : options.DefaultQuota;
            var caller = sp.GetService<ILocalSiloDetails>()?.SiloAddress.ToString() ?? sp.GetService<IHostEnvironment>()?.ApplicationName ?? "client";
            return new ClusterQuotaHandler(sp.GetRequiredService<IGrainFactory>(), deployment, caller, limits, sp.GetRequiredService<TimeProvider>());
        });
    }
}
