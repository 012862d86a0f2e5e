namespace Pikumo.ImageGen.Orleans;

/// <summary>How stories and quotas run on the silos (<c>siloBuilder.AddPikumoImageGenStories(...)</c>).</summary>
public sealed class PikumoStoryOptions
{
    /// <summary>The name of the grain storage provider that keeps story status and quota state.</summary>
    public const string StorageName = "PikumoStories";

    /// <summary>
    /// Whether in-memory grain storage and reminders are registered (the embedded default, for one process or tests).
    /// Set it to <see langword="false"/> and register a durable grain storage named <see cref="StorageName"/> and a
    /// durable reminder service (Azure Storage in <c>docs/scale-out.md</c>) so stories survive any silo.
    /// </summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool UseInMemoryProviders { get; set; } = true;

    /// <summary>How often a story's reminder checks that it runs somewhere; a story whose silo died resumes within about this long.</summary>
    /// <value>Default 1 minute (Orleans' shortest reminder period unless its <c>ReminderOptions.MinimumReminderPeriod</c> is lowered).</value>
    public TimeSpan ResumePeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How many times in a row a run that ended with frames not done (failed calls, surely not billed: a quota or
    /// circuit breaker that refused to send, a provider error) is tried again by the story's reminder before the story is
    /// <see cref="StoryState.Failed"/>. Meanwhile the story is <see cref="StoryState.Paused"/> with <c>ErrorType</c>
    /// <c>FramesNotDone</c>. Frames whose outcome is unknown follow the story's <c>UnknownOutcomes</c> policy as always.
    /// </summary>
    /// <value>Default 5.</value>
    public int RetriesOfFailedRuns { get; set; } = 5;

    /// <summary>The quota of each provider deployment, by the name given to <c>AddClusterQuota</c>.</summary>
    public IDictionary<string, ProviderQuota> Quotas { get; } = new Dictionary<string, ProviderQuota>(StringComparer.Ordinal);

    /// <summary>The quota of a deployment not in <see cref="Quotas"/>.</summary>
    public ProviderQuota DefaultQuota { get; set; } = new();
}
