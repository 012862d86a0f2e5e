namespace Pikumo.ImageGen.Orleans;

/// <summary>What one provider deployment allows the whole cluster (its quota grain enforces it).</summary>
[GenerateSerializer]
[Alias("pikumo.quota.limits")]
public sealed record ProviderQuota
{
    /// <summary>The most calls in flight at once, across every silo.</summary>
    /// <value>Default 8.</value>
    [Id(0)]
    public int MaxInFlight { get; init; } = 8;

    /// <summary>
    /// The most images asked for by calls started within any <see cref="Window"/>, across every silo (a call of <c>n</c>
    /// images counts <c>n</c>, as a provider's images-per-minute limit does).
    /// </summary>
    /// <value>Default 20 (a low tier's images per minute).</value>
    [Id(1)]
    public int MaxImagesPerWindow { get; init; } = 20;

    /// <summary>The window of <see cref="MaxImagesPerWindow"/>.</summary>
    /// <value>Default 1 minute.</value>
    [Id(2)]
    public TimeSpan Window { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// A grant whose call never reported back stops counting as in flight after this long. A grant of a silo the cluster
    /// declared dead stops counting as soon as it is declared; this bounds the rest (a lost release, a caller that is not a silo).
    /// </summary>
    /// <value>Default 10 minutes.</value>
    [Id(3)]
    public TimeSpan LeaseTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>How long a caller waits before asking again when it must wait for a call in flight to end.</summary>
    /// <value>Default 250 ms.</value>
    [Id(4)]
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How long a call waits while the quota cannot answer (its grain storage fails, or the grain cannot be reached) before
    /// it fails without being sent (an <see cref="HttpRequestException"/>, which the client reports as a call not sent).
    /// Waiting for a full quota is not bounded by it: calls in flight end.
    /// </summary>
    /// <value>Default 1 minute.</value>
    [Id(5)]
    public TimeSpan UnavailableTimeout { get; init; } = TimeSpan.FromMinutes(1);
}
