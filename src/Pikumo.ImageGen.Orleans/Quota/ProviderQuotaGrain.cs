using Microsoft.Extensions.Options;

namespace Pikumo.ImageGen.Orleans;

/// <summary>
/// Grants calls while fewer than <see cref="ProviderQuota.MaxInFlight"/> are in flight and the calls started within the
/// window, with this one, ask for at most <see cref="ProviderQuota.MaxImagesPerWindow"/> images, and none while the
/// provider asked to wait.
/// Its state (leases, recent starts, pause) is written to grain storage at every change, so a new activation after its
/// silo died still counts the calls other silos have in flight. A lease whose silo the cluster declared dead stops
/// counting at once (that silo's calls died with it), so a silo killed mid-call does not hold the quota for
/// <see cref="ProviderQuota.LeaseTimeout"/>.
/// </summary>
internal sealed class ProviderQuotaGrain(
    [PersistentState("quota", PikumoStoryOptions.StorageName)] IPersistentState<QuotaState> state,
    IOptions<PikumoStoryOptions> options,
    IClusterMembershipService membership,
    TimeProvider time) : Grain, IProviderQuotaGrain
{
    private ProviderQuota Quota => options.Value.Quotas.TryGetValue(this.GetPrimaryKeyString(), out var quota) ? quota : options.Value.DefaultQuota;

    // Leases released before they were granted (their caller stopped waiting): a late ask with one is refused. Not stored:
    // a new activation has never granted them either.
    private readonly Dictionary<Guid, DateTimeOffset> _abandoned = [];

    public async Task<QuotaGrant> AcquireAsync(string caller, Guid lease, int images)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(images, 1);
        var now = time.GetUtcNow();
        var s = state.State;
        var quota = Quota;
        foreach (var old in _abandoned.Where(a => now - a.Value > quota.LeaseTimeout).Select(a => a.Key).ToList())
        {
            _abandoned.Remove(old);
        }

        if (_abandoned.Remove(lease))
        {
            return new QuotaGrant { RetryAfter = TimeSpan.Zero, Lease = lease, Unavailable = "the caller stopped waiting for this ask" };
        }

        if (s.Leases.Any(l => l.Id == lease))
        {
            return new QuotaGrant { Granted = true, Lease = lease };   // the same ask again: already granted
        }

        s.Leases.RemoveAll(l => now - l.GrantedAt > quota.LeaseTimeout || IsDead(l.Caller));
        s.Starts.RemoveAll(t => now - t >= quota.Window);
        TimeSpan? wait = null;
        if (s.PausedUntil is { } until && until > now)
        {
            wait = until - now;
        }
        else if (s.Starts.Count + Math.Min(images, quota.MaxImagesPerWindow) > quota.MaxImagesPerWindow)
        {
            // Wait until enough of the window's images have aged out for this call's (a call of more than the window
            // allows waits for an empty window).
            var mustAgeOut = s.Starts.Count + Math.Min(images, quota.MaxImagesPerWindow) - quota.MaxImagesPerWindow;
            wait = s.Starts.Order().ElementAt(mustAgeOut - 1) + quota.Window - now;
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

        var granted = new QuotaLease { Id = lease, Caller = caller, GrantedAt = now };
        s.Leases.Add(granted);
        s.Starts.AddRange(Enumerable.Repeat(now, images));   // one start per image: the window counts images
        if (await TryWriteAsync() is { } failure)
        {
            // Not stored, not granted: a grant that a new activation could not see would let the cluster exceed the quota.
            s.Leases.Remove(granted);
            s.Starts.RemoveRange(s.Starts.Count - images, images);
            s.Deferred++;
            return new QuotaGrant { RetryAfter = quota.PollInterval, Unavailable = failure };
        }

        // The window counts from when the grant is given, after the write: a slow write must not make the window end
        // before the calls it let through have even left (the stored times may be a write's length earlier).
        var given = time.GetUtcNow();
        s.Starts.RemoveRange(s.Starts.Count - images, images);
        s.Starts.AddRange(Enumerable.Repeat(given, images));
        s.Granted++;
        s.MaxInFlightSeen = Math.Max(s.MaxInFlightSeen, s.Leases.Count);
        s.MostStartedInWindowSeen = Math.Max(s.MostStartedInWindowSeen, s.Starts.Count(t => given - t < quota.Window));
        s.GrantedBy[caller] = s.GrantedBy.GetValueOrDefault(caller) + 1;
        return new QuotaGrant { Granted = true, Lease = lease };
    }

    public async Task ReleaseAsync(Guid lease, QuotaFeedback feedback)
    {
        var s = state.State;
        if (s.Leases.RemoveAll(l => l.Id == lease) == 0)
        {
            _abandoned[lease] = time.GetUtcNow();   // released before it was granted: refuse the ask if it arrives late
        }

        if (feedback.StatusCode == 429)
        {
            s.RateLimited++;
        }

        if (feedback.RetryAfter is { } wait && wait > TimeSpan.Zero)
        {
            var until = time.GetUtcNow() + wait;
            s.PausedUntil = s.PausedUntil is { } current && current > until ? current : until;
        }

        // Not stored: this activation already counts the call as ended; the next write that succeeds stores it, and a new
        // activation that never saw it counts the lease until LeaseTimeout (fewer calls, never more).
        await TryWriteAsync();
    }

    /// <summary>
    /// Whether the caller is a silo the cluster declared dead. Only a declared death counts: a caller absent from the
    /// membership view (a client, or a silo this silo has not heard of yet) keeps its lease until it ends or times out.
    /// </summary>
    private bool IsDead(string caller)
    {
        foreach (var (silo, member) in membership.CurrentSnapshot.Members)
        {
            if (member.Status == SiloStatus.Dead && string.Equals(silo.ToString(), caller, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Writes the state; on failure returns why (the caller must not grant).</summary>
    private async Task<string?> TryWriteAsync()
    {
        try
        {
            await state.WriteStateAsync();
            return null;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            if (!StoredVersion.IsConflict(ex))
            {
                return $"the quota's grain storage failed ({ex.GetType().Name}: {ex.Message})";
            }

            // The stored version is not the one this activation last wrote: a write whose answer was lost in an outage
            // landed. This activation is the quota's only one, so its state is the truth: take the stored ETag, write ours.
            return await StoredVersion.OverwriteAsync(state) is { } error ? $"the quota's stored state could not be replaced ({error})" : null;
        }
    }

    public Task<QuotaView> GetViewAsync()
    {
        var now = time.GetUtcNow();
        var s = state.State;
        var quota = Quota;
        return Task.FromResult(new QuotaView
        {
            Deployment = this.GetPrimaryKeyString(), Quota = quota, InFlight = s.Leases.Count(l => now - l.GrantedAt <= quota.LeaseTimeout && !IsDead(l.Caller)),
            MaxInFlightSeen = s.MaxInFlightSeen, MostStartedInWindowSeen = s.MostStartedInWindowSeen, StartedInWindow = s.Starts.Count(t => now - t < quota.Window), Granted = s.Granted,
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

    [Id(8)]
    public int MostStartedInWindowSeen { get; set; }
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
