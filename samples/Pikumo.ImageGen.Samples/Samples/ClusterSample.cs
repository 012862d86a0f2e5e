using System.Collections.Concurrent;
using System.CommandLine;
using System.Net;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Hosting;
using Pikumo.ImageGen.Orleans;
using Pikumo.ImageGen.Shared;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;
using Pikumo.ImageGen.Storage.Blobs;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Samples;

/// <summary>
/// Stories on an Orleans cluster: two silos in this process (localhost clustering, the in-memory defaults), four
/// stories at once on the simulator under one quota, then a per-story table and the quota grain's view. With
/// <c>--blobs</c> and Azurite running on its default ports, frames and journals go to blob storage.
/// </summary>
public static class ClusterSample
{
    private static readonly Option<bool> BlobsOption = new("--blobs")
    {
        Description = "Keep journals and frames in blob storage: Azurite on its default port (127.0.0.1:10000) must be running.",
    };

    /// <summary>The command line's view of this sample: always on the simulator (it makes no paid call).</summary>
    public static SampleDefinition Definition { get; } = new()
    {
        Name = "cluster",
        Description = "Four stories at once on a two-silo Orleans cluster in this process, with one cluster-wide quota (always on the simulator; --blobs: Azurite)",
        PaidCalls = 0,
        LiveProvidersFor = (_, _) => [],
        Options = [BlobsOption],
        RunAsync = (context, parse, cancellationToken) => RunAsync(context, parse.GetValue(BlobsOption), cancellationToken),
    };

    /// <summary>Runs the sample.</summary>
    /// <param name="context">Where to write and which wire to speak.</param>
    /// <param name="blobs">Whether stories go to blob storage (Azurite) instead of local folders.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> RunAsync(SampleContext context, bool blobs, CancellationToken cancellationToken)
    {
        await using var simulator = await context.CreateSimulator().StartServerAsync(cancellationToken);
        var provider = context.Provider ?? SampleProvider.OpenAI;
        ISequenceStore store = blobs
            ? new BlobSequenceStore(new BlobServiceClient("UseDevelopmentStorage=true").GetBlobContainerClient("pikumo-cluster-sample"))
            : new RootedFolderStore(context.Folder("cluster"));
        var board = new Board();
        var ports = LoopbackPorts.Free(4);   // chosen now, on 127.0.0.1 only: two silos, each a silo port and a gateway port
        using var first = await StartSiloAsync(simulator, provider, store, board, ports[0], ports[1], ports[0], cancellationToken);
        using var second = await StartSiloAsync(simulator, provider, store, board, ports[2], ports[3], ports[0], cancellationToken);
        try
        {
            var grains = first.Services.GetRequiredService<IGrainFactory>();
            var ids = Enumerable.Range(1, 4).Select(i => $"story-{i}").ToArray();
            await Task.WhenAll(ids.Select(id => grains.GetGrain<IStoryGrain>(id).StartAsync()));
            await board.AllDoneAsync(ids).WaitAsync(TimeSpan.FromMinutes(5), cancellationToken);

            context.Out.WriteLine($"Four stories on a two-silo cluster ({(blobs ? "blob storage on Azurite" : "local folders")}), the offline simulator, speaking {provider.Name()} (nothing is billed):");
            context.Out.WriteLine($"{"story",-10} {"state",-10} {"frames",7} {"runs",5}  silo");
            foreach (var id in ids)
            {
                var status = await grains.GetGrain<IStoryGrain>(id).GetStatusAsync();
                context.Out.WriteLine($"{id,-10} {status.State,-10} {status.FramesDone,3}/{status.FramesTotal,-3} {status.Runs,5}  {status.Silo}");
            }

            var quota = await grains.GetGrain<IProviderQuotaGrain>("simulator").GetViewAsync();
            context.Out.WriteLine($"total: {ids.Length} stories; quota 'simulator': {quota.Granted} calls granted, at most {quota.MaxInFlightSeen} in flight (limit {quota.Quota.MaxInFlight}), {quota.Deferred} waits; by silo: {string.Join(", ", quota.GrantedBy.Select(g => $"{g.Key} {g.Value}"))}");
            return 0;
        }
        finally
        {
            await second.StopAsync(CancellationToken.None);
            await first.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<IHost> StartSiloAsync(SimulatorServer simulator, SampleProvider provider, ISequenceStore store, Board board, int siloPort, int gatewayPort, int primaryPort, CancellationToken cancellationToken)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleans(silo =>
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, new IPEndPoint(IPAddress.Loopback, primaryPort));
            silo.AddPikumoImageGenStories(options =>
            {
                options.Quotas["simulator"] = new ProviderQuota { MaxInFlight = 4, MaxImagesPerWindow = 60 };
            });
        });
        builder.Services.AddPikumoImageGen(options =>
        {
            simulator.ConfigureOptions(options);
            provider.Apply(options);
        }).AddClusterQuota("simulator");
        builder.Services.AddPikumoImageGenSequences();
        builder.Services.AddSingleton(store);                                   // where journals and frames live
        builder.Services.AddSingleton<IStorySource, SampleStories>();           // what each story renders
        builder.Services.AddSingleton<IStoryStatusListener>(board);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return host;
    }

    /// <summary>The app's own records: here, four 6-beat stories of Mia.</summary>
    private sealed class SampleStories : IStorySource
    {
        public ValueTask<StoryWork> GetAsync(string storyId, CancellationToken cancellationToken) => ValueTask.FromResult(new StoryWork(
            new SequenceRequest(
                new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithStyle(ImageStyle.Dreamscape),
                Enumerable.Range(1, 6).Select(i => new Scene($"{storyId}: Mia's day, moment {i}")),
                [ImageInput.FromFile(SampleContext.ReferencePhoto)])
            {
                Final = new SequenceTierOptions { Quality = ImageQuality.Low, Size = ImageSize.Square1024 },
            },
            SequenceTier.Final));
    }

    /// <summary>Each story in a folder under the sample's output folder.</summary>
    private sealed class RootedFolderStore(string root) : ISequenceStore
    {
        public Task<ISequenceStoryStore> OpenAsync(string story, CancellationToken cancellationToken = default) =>
            FolderSequenceStore.Instance.OpenAsync(Path.Combine(root, story), cancellationToken);
    }

    private sealed class Board : IStoryStatusListener
    {
        private readonly ConcurrentDictionary<string, StoryStatus> _latest = new();
        private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void OnStatus(StoryStatus status)
        {
            _latest[status.StoryId] = status;
            Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
        }

        public async Task AllDoneAsync(IReadOnlyList<string> ids)
        {
            while (true)
            {
                var next = Volatile.Read(ref _next).Task;
                if (ids.All(id => _latest.TryGetValue(id, out var s) && s.State is StoryState.Completed or StoryState.Failed))
                {
                    return;
                }

                await next;
            }
        }
    }
}
