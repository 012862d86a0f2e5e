using Orleans.Concurrency;

namespace Pikumo.ImageGen.Orleans;

/// <summary>
/// The cluster-wide quota of one provider deployment (its key is the deployment's name, as given to
/// <c>AddClusterQuota</c>): every paid call of every silo asks it before it is sent and reports back after, with what the
/// provider's rate-limit headers and 429s said.
/// </summary>
public interface IProviderQuotaGrain : IGrainWithStringKey
{
    /// <summary>Asks to send one call now.</summary>
    /// <param name="caller">Who asks (the silo), for the view.</param>
    /// <param name="lease">
    /// The lease the caller chose for this ask (a new one each time). A caller that stops waiting for the answer releases
    /// it, so a grant that arrives after the caller gave up never counts as a call in flight.
    /// </param>
    /// <param name="images">
    /// How many images the call asks for (<see cref="ImageGenHttpRequestOptions.Images"/>): each counts against
    /// <see cref="ProviderQuota.MaxImagesPerWindow"/>. A call of more images than the window allows waits for an empty window.
    /// </param>
    /// <returns>A grant with its lease, or how long to wait before asking again.</returns>
    Task<QuotaGrant> AcquireAsync(string caller, Guid lease, int images);

    /// <summary>Reports a granted call's end.</summary>
    /// <param name="lease">The grant's lease.</param>
    /// <param name="feedback">What the provider answered.</param>
    /// <returns>A task that completes when recorded.</returns>
    Task ReleaseAsync(Guid lease, QuotaFeedback feedback);

    /// <summary>The quota's current view.</summary>
    /// <returns>The view.</returns>
    [AlwaysInterleave]
    Task<QuotaView> GetViewAsync();
}

/// <summary>The answer to <see cref="IProviderQuotaGrain.AcquireAsync"/>.</summary>
[GenerateSerializer]
[Alias("pikumo.quota.grant")]
public readonly record struct QuotaGrant
{
    /// <summary>Whether the call may be sent now.</summary>
    [Id(0)]
    public bool Granted { get; init; }

    /// <summary>The lease to give back to <see cref="IProviderQuotaGrain.ReleaseAsync"/>.</summary>
    [Id(1)]
    public Guid Lease { get; init; }

    /// <summary>When not granted: how long to wait before asking again.</summary>
    [Id(2)]
    public TimeSpan RetryAfter { get; init; }

    /// <summary>
    /// When not granted because the quota could not store the grant (its grain storage failed): why. The caller waits and
    /// asks again, and gives up with an error before sending after <see cref="ProviderQuota.UnavailableTimeout"/>.
    /// </summary>
    [Id(3)]
    public string? Unavailable { get; init; }
}

/// <summary>What the provider said about a granted call.</summary>
[GenerateSerializer]
[Alias("pikumo.quota.feedback")]
public readonly record struct QuotaFeedback
{
    /// <summary>The HTTP status, or 0 when no answer came.</summary>
    [Id(0)]
    public int StatusCode { get; init; }

    /// <summary>How long the provider asked to wait (<c>Retry-After</c>, <c>retry-after-ms</c>, or a spent <c>x-ratelimit-remaining-requests</c> with its reset).</summary>
    [Id(1)]
    public TimeSpan? RetryAfter { get; init; }
}

/// <summary>The quota grain's view: its limits and what it has seen.</summary>
[GenerateSerializer]
[Alias("pikumo.quota.view")]
public sealed record QuotaView
{
    /// <summary>The deployment.</summary>
    [Id(0)]
    public required string Deployment { get; init; }

    /// <summary>The limits.</summary>
    [Id(1)]
    public required ProviderQuota Quota { get; init; }

    /// <summary>Calls in flight now.</summary>
    [Id(2)]
    public int InFlight { get; init; }

    /// <summary>The most calls ever in flight at once.</summary>
    [Id(3)]
    public int MaxInFlightSeen { get; init; }

    /// <summary>Images asked for by the calls started within the current window (what <see cref="ProviderQuota.MaxImagesPerWindow"/> counts).</summary>
    [Id(4)]
    public int StartedInWindow { get; init; }

    /// <summary>Calls granted in all.</summary>
    [Id(5)]
    public int Granted { get; init; }

    /// <summary>Times a caller was told to wait.</summary>
    [Id(6)]
    public int Deferred { get; init; }

    /// <summary>429 answers reported.</summary>
    [Id(7)]
    public int RateLimited { get; init; }

    /// <summary>Until when no call is granted because the provider asked to wait.</summary>
    [Id(8)]
    public DateTimeOffset? PausedUntil { get; init; }

    /// <summary>Calls granted per caller (silo).</summary>
    [Id(9)]
    public IReadOnlyDictionary<string, int> GrantedBy { get; init; } = new Dictionary<string, int>();

    /// <summary>
    /// The most images ever started within one <see cref="ProviderQuota.Window"/>, as the grain counted them when it granted
    /// (never above <see cref="ProviderQuota.MaxImagesPerWindow"/>, except for a single call of more images than that).
    /// </summary>
    [Id(10)]
    public int MostStartedInWindowSeen { get; init; }
}
