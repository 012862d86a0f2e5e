using Microsoft.Extensions.DependencyInjection;
using Orleans.Hosting;
using Orleans.Runtime.Hosting;
using Orleans.Storage;
using Orleans.TestingHost;
using Pikumo.ImageGen.Orleans;

namespace Pikumo.ImageGen.Cluster.Tests.Infrastructure;

/// <summary>
/// The quota tests' cluster: in-process silos whose grain state lives in a storage object of the test (outside every
/// silo, so it outlives one that is killed), one deployment's quota, and a client app whose HttpClient asks it.
/// </summary>
internal static class QuotaCluster
{
    /// <summary>The name of the client app's HttpClient that asks the quota before each POST.</summary>
    public const string PaidClient = "paid";

    /// <summary>Starts the silos.</summary>
    public static async Task<InProcessTestCluster> StartAsync(short silos, string deployment, ProviderQuota quota, IGrainStorage storage, Action<ISiloBuilder>? configure = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddPikumoImageGenStories(o =>
            {
                o.UseInMemoryProviders = false;
                o.Quotas[deployment] = quota;
            });
            silo.UseInMemoryReminderService();
            silo.Services.AddGrainStorage(PikumoStoryOptions.StorageName, (_, _) => storage);
            configure?.Invoke(silo);
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>A client app of the cluster with the <see cref="PaidClient"/> HttpClient, the provider behind it played by <paramref name="provider"/>.</summary>
    public static ServiceProvider ClientApp(InProcessTestCluster cluster, string deployment, ProviderQuota quota, HttpMessageHandler provider)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IGrainFactory>(cluster.Client);
        services.Configure<PikumoStoryOptions>(o => o.Quotas[deployment] = quota);
        services.AddHttpClient(PaidClient).AddClusterQuota(deployment).ConfigurePrimaryHttpMessageHandler(() => provider);
        return services.BuildServiceProvider();
    }
}
