using System.Security.Cryptography;
using System.Text.Json;
using Pikumo.ImageGen.Cluster.Tests.Infrastructure;
using Pikumo.ImageGen.Orleans;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Cluster.Tests.Stories;

/// <summary>
/// Stories on a real Orleans cluster (in-process silos on loopback), production storage on Azurite: a silo killed
/// mid-run, a silo added mid-run, storage taken away mid-run, the same story asked for twice at once.
/// </summary>
public sealed class StoryClusterTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(double.TryParse(Environment.GetEnvironmentVariable("PIKUMO_CLUSTER_PATIENCE"), out var s) ? s : 120);
    private static readonly ProviderQuota Quota = new() { MaxInFlight = 4, MaxImagesPerWindow = 16, Window = TimeSpan.FromSeconds(1), PollInterval = TimeSpan.FromMilliseconds(20), UnavailableTimeout = TimeSpan.FromSeconds(3) };

    [Fact]
    public async Task ThreeSilos_OneKilledMidRun_EveryStoryCompletesEachBeatOnceWithinTheQuota()
    {
        await using var harness = await ClusterHarness.StartAsync(azurite, 3, Quota);
        var ids = Enumerable.Range(1, 6).Select(i => $"kill-{i}").ToArray();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Task.WhenAll(ids.Select(id => harness.Story(id).StartAsync()));
        await harness.Simulator.Recorder.WaitForAsync(r => r.ImageCalls.Count >= 24, TestContext.Current.CancellationToken);
        var hosts = harness.Board.Latest.Values.GroupBy(s => s.Silo).ToDictionary(g => g.Key!, g => g.Select(s => s.StoryId).ToArray());
        var victim = harness.Cluster.Silos.Skip(1).OrderByDescending(s => hosts.GetValueOrDefault(s.SiloAddress.ToString())?.Length ?? 0).First();
        var orphans = hosts.GetValueOrDefault(victim.SiloAddress.ToString()) ?? [];
        await harness.Cluster.KillSiloAsync(victim, TestContext.Current.CancellationToken);

        await WaitAsync(harness, b => ids.All(id => b.TryGetValue(id, out var s) && s.State == StoryState.Completed), Patience);

        Assert.NotEmpty(orphans);
        foreach (var id in orphans)
        {
            var status = await harness.Story(id).GetStatusAsync();
            Assert.Equal(StoryState.Completed, status.State);
            Assert.True(status.Runs >= 2, $"{id} resumed on another silo by its reminder (runs {status.Runs})");
            Assert.NotEqual(victim.SiloAddress.ToString(), status.Silo);
        }

        await AssertExactlyOnceAsync(harness, ids, 16);
        Assert.InRange(harness.Wire.MaxInFlight, 1, Quota.MaxInFlight);

        // The grain counts exactly: never more images started within a window than the quota.
        var view = await harness.Cluster.Client.GetGrain<IProviderQuotaGrain>(ClusterHarness.Deployment).GetViewAsync();
        Assert.InRange(view.MostStartedInWindowSeen, 1, Quota.MaxImagesPerWindow);
        Assert.InRange(view.MaxInFlightSeen, 1, Quota.MaxInFlight);

        // On the wire a request leaves its silo some time after its grant (the grain's answer travels back; under CI's load
        // that took more than 100 ms): if that lag is at most L, any span of (window - L) holds at most the quota's starts.
        // Half the window allows L up to 500 ms.
        Assert.InRange(harness.Wire.MostWithin(Quota.Window / 2), 1, Quota.MaxImagesPerWindow);
        Assert.True(view.Deferred > 0, "the quota made callers wait");
        Measurements.Report("kill", $"6 stories x 16 beats on 3 silos, one killed after 24 calls: {clock.Elapsed.TotalSeconds:0.0} s; {harness.Simulator.Recorder.ImageCalls.Count} calls for 96 beats; orphans {orphans.Length} resumed; wire max in flight {harness.Wire.MaxInFlight}/{Quota.MaxInFlight}; most starts within {(Quota.Window / 2).TotalMilliseconds} ms {harness.Wire.MostWithin(Quota.Window / 2)}/{Quota.MaxImagesPerWindow}, within {Quota.Window.TotalMilliseconds} ms {harness.Wire.MostWithin(Quota.Window)} (grain {view.MostStartedInWindowSeen}); quota granted {view.Granted}, deferred {view.Deferred}; by silo {string.Join(", ", view.GrantedBy.Values)}");
    }

    [Fact]
    public async Task OneSilo_SiloAddedMidRun_NewStoriesRunOnIt()
    {
        await using var harness = await ClusterHarness.StartAsync(azurite, 1, Quota);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var early = Enumerable.Range(1, 2).Select(i => $"early-{i}").ToArray();
        var late = Enumerable.Range(1, 4).Select(i => $"late-{i}").ToArray();
        foreach (var id in early.Concat(late))
        {
            harness.BeatsByStory[id] = 8;
        }

        await Task.WhenAll(early.Select(id => harness.Story(id).StartAsync()));
        await harness.Simulator.Recorder.WaitForAsync(r => r.ImageCalls.Count >= 4, TestContext.Current.CancellationToken);
        var added = await harness.Cluster.StartAdditionalSiloAsync();
        await harness.Cluster.WaitForLivenessToStabilizeAsync();
        await Task.WhenAll(late.Select(id => harness.Story(id).StartAsync()));

        await WaitAsync(harness, b => early.Concat(late).All(id => b.TryGetValue(id, out var s) && s.State == StoryState.Completed), Patience);

        var onNew = harness.Board.Latest.Values.Where(s => s.Silo == added.SiloAddress.ToString()).Select(s => s.StoryId).ToArray();
        Assert.NotEmpty(onNew);
        var view = await harness.Cluster.Client.GetGrain<IProviderQuotaGrain>(ClusterHarness.Deployment).GetViewAsync();
        Assert.Contains(added.SiloAddress.ToString(), view.GrantedBy.Keys);
        await AssertExactlyOnceAsync(harness, [.. early, .. late], 8);
        Measurements.Report("add", $"6 stories x 8 beats, a second silo added after 4 calls: {clock.Elapsed.TotalSeconds:0.0} s; {onNew.Length} of 4 later stories on the new silo; calls by silo {string.Join(", ", view.GrantedBy.Values)}");
    }

    [Fact]
    public async Task TwoSilos_StorageStoppedMidRun_StoriesPauseWithATypedErrorAndFinishWhenItIsBack()
    {
        // Its own Azurite: the other test classes run in parallel on the shared one, which must not go away under them.
        await using var storage = await AzuriteFixture.StartOwnAsync();
        await using var harness = await ClusterHarness.StartAsync(storage, 2, Quota with { MaxInFlight = 2 }, latencyScale: 0.005);
        var ids = new[] { "outage-1", "outage-2" };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var paused = TimeSpan.Zero;

        await Task.WhenAll(ids.Select(id => harness.Story(id).StartAsync()));
        await harness.Simulator.Recorder.WaitForAsync(r => r.ImageCalls.Count >= 6, TestContext.Current.CancellationToken);
        await storage.StopAsync();
        try
        {
            await WaitAsync(harness, b => ids.All(id => b.TryGetValue(id, out var s) && s.State == StoryState.Paused), Patience);
            var whilePaused = harness.Simulator.Recorder.ImageCalls.Count;
            Assert.All(ids, id => Assert.Equal("SequenceStoreException", harness.Board.Latest[id].ErrorType));
            Assert.Equal(whilePaused, harness.Simulator.Recorder.ImageCalls.Count); // no call is made while its frame could not be stored
            paused = clock.Elapsed;
        }
        finally
        {
            await storage.StartAsync();
        }

        await WaitAsync(harness, b => ids.All(id => b.TryGetValue(id, out var s) && s.State == StoryState.Completed), Patience);
        await AssertExactlyOnceAsync(harness, ids, 16);
        Measurements.Report("outage", $"2 stories x 16 beats, Azurite stopped after 6 calls: both paused at {paused.TotalSeconds:0.0} s, completed at {clock.Elapsed.TotalSeconds:0.0} s; {harness.Simulator.Recorder.ImageCalls.Count} calls for 32 beats");
    }

    [Fact]
    public async Task TwoSilos_SameStoryRequestedTwiceAtOnce_RunsOnce()
    {
        await using var harness = await ClusterHarness.StartAsync(azurite, 2, Quota);
        harness.BeatsByStory["twice"] = 8;

        var statuses = await Task.WhenAll(harness.Story("twice").StartAsync(), harness.Story("twice").StartAsync());
        await WaitAsync(harness, b => b.TryGetValue("twice", out var s) && s.State == StoryState.Completed, Patience);

        Assert.All(statuses, s => Assert.Equal(1, s.Runs));
        Assert.Equal(8, harness.Simulator.Recorder.ImageCalls.Count);
        Assert.Equal(1, (await harness.Story("twice").GetStatusAsync()).Runs);
    }

    [Fact]
    public async Task TwoSilos_StoryDeleted_NothingOfItIsLeftInBlobsGrainStateOrReminders()
    {
        await using var harness = await ClusterHarness.StartAsync(azurite, 2, Quota);
        var id = "erase-" + Guid.NewGuid().ToString("N");
        harness.BeatsByStory[id] = 4;
        await harness.Story(id).StartAsync();
        await WaitAsync(harness, b => b.TryGetValue(id, out var s) && s.State == StoryState.Completed, Patience);
        await harness.Container.GetBlobClient($"{id}/contact-sheet.png").UploadAsync(BinaryData.FromBytes([1]), TestContext.Current.CancellationToken);
        Assert.NotEmpty(await StoredAnywhereAsync(harness, id));   // the check below can see what a story leaves

        var erasure = await harness.Story(id).DeleteAsync(includeOtherFiles: true);

        Assert.True(erasure.Complete);
        Assert.Contains(SequenceRunManifest.FileName, erasure.Deleted);
        Assert.Contains("contact-sheet.png", erasure.Deleted);
        Assert.Empty(await StoredAnywhereAsync(harness, id));
        Assert.Equal(StoryState.NotStarted, (await harness.Story(id).GetStatusAsync()).State);
    }

    /// <summary>Every blob (any container, snapshots and uncommitted blocks too) and table entity in Azurite that names the story.</summary>
    private static async Task<List<string>> StoredAnywhereAsync(ClusterHarness harness, string id)
    {
        var found = new List<string>();
        var blobs = harness.Azurite.CreateBlobService();
        await foreach (var container in blobs.GetBlobContainersAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            await foreach (var blob in blobs.GetBlobContainerClient(container.Name).GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.Metadata, Azure.Storage.Blobs.Models.BlobStates.All, prefix: null, TestContext.Current.CancellationToken))
            {
                if (blob.Name.Contains(id, StringComparison.Ordinal) || blob.Metadata.Values.Any(v => v.Contains(id, StringComparison.Ordinal)))
                {
                    found.Add($"blob {container.Name}/{blob.Name}");
                }
            }
        }

        var tables = new Azure.Data.Tables.TableServiceClient(harness.Azurite.ConnectionString);
        await foreach (var table in tables.QueryAsync(cancellationToken: TestContext.Current.CancellationToken))
        {
            await foreach (var entity in tables.GetTableClient(table.Name).QueryAsync<Azure.Data.Tables.TableEntity>(cancellationToken: TestContext.Current.CancellationToken))
            {
                if (entity.Any(p => p.Value?.ToString()?.Contains(id, StringComparison.Ordinal) == true) || entity.RowKey.Contains(id, StringComparison.Ordinal) || entity.PartitionKey.Contains(id, StringComparison.Ordinal))
                {
                    found.Add($"table {table.Name}: {entity.PartitionKey}/{entity.RowKey}");
                }
            }
        }

        return found;
    }

    private static async Task WaitAsync(ClusterHarness harness, Func<IReadOnlyDictionary<string, StoryStatus>, bool> condition, TimeSpan timeout)
    {
        try
        {
            await harness.Board.WaitAsync(condition, timeout);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException(harness.Describe(), ex);
        }
    }

    /// <summary>
    /// Every beat of every story is done, its frame is in blob storage with the journal's hash, and the simulator saw
    /// each beat's call once, plus only the repeats the journal counts as possibly billed twice.
    /// </summary>
    private static async Task AssertExactlyOnceAsync(ClusterHarness harness, IReadOnlyList<string> ids, int beats)
    {
        var calls = harness.Simulator.Recorder.ImageCalls.GroupBy(BeatOf).ToDictionary(g => g.Key, g => g.Count());
        var allowed = 0;
        foreach (var id in ids)
        {
            var manifest = await harness.ManifestAsync(id);
            Assert.Equal(beats, manifest.Frames.Count(f => f.State == SequenceEntryState.Done));
            foreach (var frame in manifest.Frames)
            {
                var stored = (await harness.Container.GetBlobClient($"{id}/{frame.File}").DownloadContentAsync()).Value.Content.ToArray();
                Assert.Equal(frame.Sha256, Convert.ToHexStringLower(SHA256.HashData(stored)));
                var made = calls.GetValueOrDefault($"{id} beat {frame.Beat + 1}");
                Assert.True(made >= 1 && made <= 1 + frame.PossiblyBilledTwice, $"{id} beat {frame.Beat + 1}: {made} calls, journal {frame.State}, possibly billed twice {frame.PossiblyBilledTwice}, attempts {frame.Attempts}, error {frame.Error}; {harness.Describe()}");
                allowed += frame.PossiblyBilledTwice;
            }
        }

        Assert.InRange(harness.Simulator.Recorder.ImageCalls.Count, ids.Count * beats, (ids.Count * beats) + allowed);
    }

    private static string BeatOf(RecordedRequest request)
    {
        using var prompt = JsonDocument.Parse(request.Prompt!);
        return prompt.RootElement.GetProperty("scene").GetProperty("beat").GetString()!;
    }
}
