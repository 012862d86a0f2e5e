using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using Pikumo.ImageGen.Cluster.Tests.Infrastructure;
using Pikumo.ImageGen.Orleans;

namespace Pikumo.ImageGen.Cluster.Tests.Quota;

/// <summary>
/// The quota grain and cluster membership: grants held by a silo that dies stop counting when the cluster declares it
/// dead, not <see cref="ProviderQuota.LeaseTimeout"/> later (a silo killed mid-call must not hold the whole quota).
/// </summary>
public sealed class ProviderQuotaMembershipTests : IAsyncLifetime
{
    private const string Deployment = "membership";
    private static readonly ProviderQuota Quota = new() { MaxInFlight = 2, MaxImagesPerWindow = 1000, LeaseTimeout = TimeSpan.FromHours(1) };

    private readonly FlakyGrainStorage _storage = new();   // outside every silo: the quota's state outlives the one killed
    private InProcessTestCluster _cluster = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private IProviderQuotaGrain Grain => _cluster.Client.GetGrain<IProviderQuotaGrain>(Deployment);

    public async ValueTask InitializeAsync() =>
        _cluster = await QuotaCluster.StartAsync(3, Deployment, Quota, _storage, silo => silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
        }));

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task Acquire_SiloHoldingEveryGrantDies_GrantsAgainOnceTheClusterDeclaresItDead()
    {
        var victim = _cluster.Silos[^1];
        var survivor = _cluster.Silos[0];
        Assert.True((await Grain.AcquireAsync(victim.SiloAddress.ToString(), Guid.NewGuid(), 1)).Granted);
        Assert.True((await Grain.AcquireAsync(victim.SiloAddress.ToString(), Guid.NewGuid(), 1)).Granted);
        Assert.False((await Grain.AcquireAsync(survivor.SiloAddress.ToString(), Guid.NewGuid(), 1)).Granted);   // the quota is full

        await _cluster.KillSiloAsync(victim, Ct);
        foreach (var silo in _cluster.Silos.Where(s => s != victim))
        {
            await DeclaredDeadAsync(silo, victim.SiloAddress);   // wherever the quota grain lives, its silo knows
        }

        var grant = await Grain.AcquireAsync(survivor.SiloAddress.ToString(), Guid.NewGuid(), 1);
        Assert.True(grant.Granted, "the dead silo's grants stopped counting long before their one-hour lease timeout");
        Assert.Equal(1, (await Grain.GetViewAsync()).InFlight);
    }

    [Fact]
    public async Task Acquire_CallerUnknownToTheCluster_KeepsItsGrantsUntilTheyEnd()
    {
        Assert.True((await Grain.AcquireAsync("a client, not a silo", Guid.NewGuid(), 1)).Granted);
        Assert.True((await Grain.AcquireAsync("a client, not a silo", Guid.NewGuid(), 1)).Granted);

        var grant = await Grain.AcquireAsync(_cluster.Silos[0].SiloAddress.ToString(), Guid.NewGuid(), 1);

        Assert.False(grant.Granted);
        Assert.Equal(2, (await Grain.GetViewAsync()).InFlight);
    }

    /// <summary>Waits (on membership's own updates) until the observer's view of the cluster has the silo dead.</summary>
    private static async Task DeclaredDeadAsync(InProcessSiloHandle observer, SiloAddress dead)
    {
        var membership = observer.SiloHost.Services.GetRequiredService<IClusterMembershipService>();
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        patience.CancelAfter(TimeSpan.FromMinutes(1));
        await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(patience.Token))
        {
            if (snapshot.GetSiloStatus(dead) == SiloStatus.Dead)
            {
                return;
            }
        }
    }
}
