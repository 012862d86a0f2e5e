using Microsoft.Extensions.Options;

namespace Pikumo.ImageGen.Orleans;

/// <summary>
/// Grants calls while fewer than <see cref="ProviderQuota.MaxInFlight"/> are in flight and fewer than
/// <see cref="ProviderQuota.MaxImagesPerWindow"/> started within the window, and none while the provider asked to wait.
/// Its state (leases, recent starts, pause) is written to grain storage at every change, so a new activation after its
/// silo died still counts the calls other silos have in flight.
/// </summary>
internal sealed class ProviderQuotaGrain(
    [PersistentState("quota", PikumoStoryOptions.StorageName)] IPersistentState<QuotaState> state,
    IOptions<PikumoStoryOptions> options,
    TimeProvider time) : Grain, IProviderQuotaGrain
{
    private ProviderQuota Quota => options.Value.Quotas.TryGetValue(this.GetPrimaryKeyString(), out var quota) ? quota : options.Value.DefaultQuota;

    public async Task<QuotaGrant> AcquireAsync(string caller)
    {
        var now = time.GetUtcNow();
        var s = state.State;
        var quota = Quota;
        s.Leases.RemoveAll(l => now - l.GrantedAt > quota.LeaseTimeout);
        s.Starts.RemoveAll(t => now - t >= quota.Window);
        TimeSpan? wait = null;
        if (s.PausedUntil is { } until && until > now)
        {
            wait = until - now;
        }
        else if (s.Starts.Count >= quota.MaxImagesPerWindow)
        {
            wait = s.Starts.Min() + quota.Window - now;
        }
        else if (s.Leases.Count >= quota.MaxInFlight)
        {
            wait = quota.PollInterval;
        }

        if (wait is { } delay)
        {
            s.Deferred++;
            return new QuotaGrant { RetryAfter = delay > TimeSpan.Zero ? delay : TimeSpan.FromMilliseconds(1) };
        }

        var lease = new QuotaLease { Id = Guid.NewGuid(), Caller = caller, GrantedAt = now };
        s.Leases.Add(lease);
        s.Starts.Add(now);
        s.Granted++;
        s.MaxInFlightSeen = Math.Max(s.MaxInFlightSeen, s.Leases.Count);
        s.GrantedBy[caller] = s.GrantedBy.GetValueOrDefault(caller) + 1;
        await state.WriteStateAsync();
        return new QuotaGrant { Granted = true, Lease = lease.Id };
    }

    public async Task ReleaseAsync(Guid lease, QuotaFeedback feedback)
    {
        var s = state.State;
        s.Leases.RemoveAll(l => l.Id == lease);
        if (feedback.StatusCode == 429)
        {
            s.RateLimited++;
        }

        if (feedback.RetryAfter is { } wait && wait > TimeSpan.Zero)
        {
            var until = time.GetUtcNow() + wait;
            s.PausedUntil = s.PausedUntil is { } current && current > until ? current : until;
        }

        await state.WriteStateAsync();
    }

    public Task<QuotaView> GetViewAsync()
    {
        var now = time.GetUtcNow();
        var s = state.State;
        var quota = Quota;
        return Task.FromResult(new QuotaView
        {
            Deployment = this.GetPrimaryKeyString(), Quota = quota, InFlight = s.Leases.Count(l => now - l.GrantedAt <= quota.LeaseTimeout),
            MaxInFlightSeen = s.MaxInFlightSeen, StartedInWindow = s.Starts.Count(t => now - t < quota.Window), Granted = s.Granted,
            Deferred = s.Deferred, RateLimited = s.RateLimited, PausedUntil = s.PausedUntil > now ? s.PausedUntil : null,
            GrantedBy = new Dictionary<string, int>(s.GrantedBy, StringComparer.Ordinal),
        });
    }
}

/// <summary>A quota grain's stored state.</summary>
[GenerateSerializer]
[Alias("pikumo.quota.state")]
internal sealed class QuotaState
{
    [Id(0)]
    public List<QuotaLease> Leases { get; set; } = [];

    [Id(1)]
    public List<DateTimeOffset> Starts { get; set; } = [];

    [Id(2)]
    public DateTimeOffset? PausedUntil { get; set; }

    [Id(3)]
    public int Granted { get; set; }

    [Id(4)]
    public int MaxInFlightSeen { get; set; }

    [Id(5)]
    public int Deferred { get; set; }

    [Id(6)]
    public int RateLimited { get; set; }

    [Id(7)]
    public Dictionary<string, int> GrantedBy { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>A granted call not yet reported back.</summary>
[GenerateSerializer]
[Alias("pikumo.quota.lease")]
internal sealed record QuotaLease
{
    [Id(0)]
    public Guid Id { get; init; }

    [Id(1)]
    public string Caller { get; init; } = string.Empty;

    [Id(2)]
    public DateTimeOffset GrantedAt { get; init; }
}
