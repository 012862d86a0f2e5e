using System.Collections.Concurrent;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.TestingHost;
using Pikumo.ImageGen.Orleans;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Storage.Blobs;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Cluster.Tests.Infrastructure;

/// <summary>
/// A cluster of silos in this process on loopback (Orleans' InProcessTestCluster) configured as production would be:
/// story status and quota state in Azure blob grain storage and reminders in Azure Table storage (both on Azurite),
/// journal and frames in a blob container, one simulator on 127.0.0.1 that every silo calls, and a quota per deployment.
/// </summary>
internal sealed class ClusterHarness : IAsyncDisposable
{
    public const string Deployment = "simulator-gpt-image";

    private ClusterHarness(AzuriteFixture azurite, SimulatorServer server, ProviderQuota quota)
    {
        Azurite = azurite;
        Server = server;
        Quota = quota;
        Container = azurite.NewContainer();
        Store = new BlobSequenceStore(Container);
    }

    public AzuriteFixture Azurite { get; }

    public SimulatorServer Server { get; }

    public ImageGenSimulator Simulator => Server.Simulator;

    public ProviderQuota Quota { get; }

    public BlobContainerClient Container { get; }

    /// <summary>The container of this cluster's grain state (story statuses, the quota).</summary>
    public string GrainContainer { get; } = "grains" + Guid.NewGuid().ToString("N");

    public BlobSequenceStore Store { get; }

    public WireRecord Wire { get; } = new();

    public StatusBoard Board { get; } = new();

    public ConcurrentDictionary<string, int> BeatsByStory { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public static async Task<ClusterHarness> StartAsync(AzuriteFixture azurite, short silos, ProviderQuota quota, double latencyScale = 0.0025)
    {
        var server = await new ImageGenSimulator(new SimulatorOptions { LatencyScale = latencyScale, ProvenanceMarker = true }).StartServerAsync();
        var harness = new ClusterHarness(azurite, server, quota);
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => harness.Configure(silo));
        harness.Cluster = builder.Build();
        await harness.Cluster.DeployAsync();
        return harness;
    }

    public IStoryGrain Story(string id) => Cluster.Client.GetGrain<IStoryGrain>(id);

    /// <summary>What the cluster did, for a failing test's output.</summary>
    public string Describe() =>
        $"simulator calls {Simulator.Recorder.ImageCalls.Count}; wire max in flight {Wire.MaxInFlight}; stories: "
        + string.Join("; ", Board.Latest.Values.OrderBy(s => s.StoryId, StringComparer.Ordinal).Select(s => $"{s.StoryId} {s.State} {s.FramesDone}/{s.FramesTotal} runs {s.Runs} on {s.Silo} {s.ErrorType} {s.Error}"));

    public async Task<SequenceRunManifest> ManifestAsync(string story)
    {
        var download = await Container.GetBlobClient($"{story}/{SequenceRunManifest.FileName}").DownloadContentAsync();
        return SequenceRunManifest.Parse(download.Value.Content.ToMemory().Span);
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await Server.DisposeAsync();
    }

    private void Configure(ISiloBuilder silo)
    {
        silo.AddPikumoImageGenStories(o =>
        {
            o.UseInMemoryProviders = false;
            o.ResumePeriod = TimeSpan.FromSeconds(1);
            o.RetriesOfFailedRuns = 30;   // resumed every second, a story outlasts the 5 s circuit breaker an outage opened
            o.Quotas[Deployment] = Quota;
        });
        silo.AddAzureBlobGrainStorage(PikumoStoryOptions.StorageName, o =>
        {
            o.BlobServiceClient = Azurite.CreateBlobService();
            o.ContainerName = GrainContainer;   // this cluster's own: no quota or story state of an earlier test carries over
            o.DeleteStateOnClear = true;   // a deleted story leaves no status blob
        });
        silo.UseAzureTableReminderService(o => o.TableServiceClient = new TableServiceClient(Azurite.ConnectionString));
        silo.Configure<ReminderOptions>(o =>
        {
            o.MinimumReminderPeriod = TimeSpan.FromSeconds(1);
            o.RefreshReminderListPeriod = TimeSpan.FromSeconds(1);
            o.ReminderLoadingWindow = TimeSpan.FromSeconds(2);
        });
        silo.Configure<ClusterMembershipOptions>(o =>
        {
            o.ProbeTimeout = TimeSpan.FromSeconds(1);
            o.NumMissedProbesLimit = 2;
        });
        silo.Services.AddPikumoImageGen(options =>
        {
            Server.ConfigureOptions(options);
            options.Resilience.CircuitBreakerBreakDuration = TimeSpan.FromSeconds(2);   // an outage's open breaker closes within the test's patience
        }).AddClusterQuota(Deployment).AddHttpMessageHandler(() => new WireCounter(Wire));
        silo.Services.AddPikumoImageGenSequences();
        silo.Services.AddSingleton<ISequenceStore>(Store);
        silo.Services.AddSingleton<IStorySource>(new Source(this));
        silo.Services.AddSingleton<IStoryStatusListener>(Board);
        if (Environment.GetEnvironmentVariable("PIKUMO_CLUSTER_LOG") is { Length: > 0 } log)
        {
            silo.Services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(new FileLog(log));
            silo.Services.AddLogging(b => Microsoft.Extensions.Logging.FilterLoggingBuilderExtensions.AddFilter(b, "Pikumo", Microsoft.Extensions.Logging.LogLevel.Debug));
        }
    }

    private sealed class Source(ClusterHarness harness) : IStorySource
    {
        public ValueTask<StoryWork> GetAsync(string storyId, CancellationToken cancellationToken) =>
            ValueTask.FromResult(new StoryWork(TestStories.Story(harness.BeatsByStory.GetValueOrDefault(storyId, 16), storyId) with { UnknownOutcomes = UnknownOutcomePolicy.Regenerate }, SequenceTier.Final));
    }
}

/// <summary>Every paid call as it leaves a silo for the wire: when, and how many were in flight at once across all silos.</summary>
internal sealed class WireRecord
{
    private readonly ConcurrentQueue<DateTimeOffset> _sent = new();
    private int _inFlight;
    private int _max;

    public int MaxInFlight => Volatile.Read(ref _max);

    public IReadOnlyList<DateTimeOffset> Sent => [.. _sent.Order()];

    public void Start()
    {
        _sent.Enqueue(DateTimeOffset.UtcNow);
        var now = Interlocked.Increment(ref _inFlight);
        int seen;
        while (now > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen)
        {
        }
    }

    public void End() => Interlocked.Decrement(ref _inFlight);

    /// <summary>The most sends within any span of the given length.</summary>
    public int MostWithin(TimeSpan span)
    {
        var sent = Sent;
        var most = 0;
        for (int i = 0, j = 0; i < sent.Count; i++)
        {
            while (sent[i] - sent[j] >= span)
            {
                j++;
            }

            most = Math.Max(most, i - j + 1);
        }

        return most;
    }
}

/// <summary>The innermost handler of every silo's image client: counts POSTs on the wire.</summary>
internal sealed class WireCounter(WireRecord record) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Post)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        record.Start();
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        finally
        {
            record.End();
        }
    }
}

/// <summary>The latest status of every story, as the grains report it on their silos; waits are event-driven.</summary>
internal sealed class StatusBoard : IStoryStatusListener
{
    private readonly ConcurrentDictionary<string, StoryStatus> _latest = new();
    private readonly List<(Func<IReadOnlyDictionary<string, StoryStatus>, bool> Condition, TaskCompletionSource Done)> _waiters = [];

    public IReadOnlyDictionary<string, StoryStatus> Latest => _latest;

    public void OnStatus(StoryStatus status)
    {
        _latest[status.StoryId] = status;
        Check();
    }

    public Task WaitAsync(Func<IReadOnlyDictionary<string, StoryStatus>, bool> condition, TimeSpan timeout)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiters)
        {
            _waiters.Add((condition, done));
        }

        Check();
        return done.Task.WaitAsync(timeout);
    }

    private void Check()
    {
        lock (_waiters)
        {
            foreach (var waiter in _waiters.Where(w => w.Condition(_latest)).ToList())
            {
                waiter.Done.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }
}
