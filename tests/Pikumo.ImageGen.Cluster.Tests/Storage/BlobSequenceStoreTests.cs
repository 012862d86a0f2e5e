using Azure.Storage.Blobs;
using Pikumo.ImageGen.Cluster.Tests.Infrastructure;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Storage.Blobs;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Testing.Imaging;

namespace Pikumo.ImageGen.Cluster.Tests.Storage;

/// <summary>The blob store against Azurite: byte-exact frames and journal, conditional writes, resume, deletion, outages.</summary>
public sealed class BlobSequenceStoreTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RunAsync_FinalTier_KeepsProviderBytesAndJournalInBlobsAndResumesWithoutPaying()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0, ProvenanceMarker = true });
        using var client = simulator.CreateClient();
        var container = azurite.NewContainer();
        var store = new BlobSequenceStore(container);
        var options = new SequenceRunOptions { OutputDirectory = "stories/42", Store = store };

        var first = await new SequenceRunner(client).RunToEndAsync(TestStories.Story(10), SequenceTier.Final, options, Ct);

        Assert.All(first.Frames, f => Assert.Equal(SequenceFrameStatus.Done, f.Status));
        var manifest = SequenceManifestOf(await container.GetBlobClient("stories/42/manifest.json").DownloadContentAsync(Ct));
        foreach (var frame in first.Frames)
        {
            var blob = container.GetBlobClient("stories/42/" + manifest.Frames.Single(e => e.Beat == frame.BeatIndex).File);
            var stored = (await blob.DownloadContentAsync(Ct)).Value.Content.ToArray();
            Assert.Equal(frame.Image!.Data.ToArray(), stored); // the provider's bytes, never re-encoded
            Assert.True(ProvenanceMarker.TryRead(stored, out _), "the simulator's provenance marker survives the blob store");
            Assert.Equal(manifest.Frames.Single(e => e.Beat == frame.BeatIndex).Sha256, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(stored)));
            Assert.Equal(blob.Uri.ToString(), frame.FilePath);
        }

        var second = await new SequenceRunner(client).RunToEndAsync(TestStories.Story(10), SequenceTier.Final, options, Ct);

        Assert.Equal(10, simulator.Recorder.ImageCalls.Count);
        Assert.All(second.Frames, f => Assert.True(f.FromManifest));
    }

    [Fact]
    public async Task WriteAsync_JournalWrittenByAnotherRun_IsRefusedBeforeAnyCall()
    {
        var store = new BlobSequenceStore(azurite.NewContainer());
        await using var mine = await store.OpenAsync("story", Ct);
        await using var other = await store.OpenAsync("story", Ct);
        Assert.Null(await mine.ReadAsync(SequenceRunManifest.FileName, Ct));
        Assert.Null(await other.ReadAsync(SequenceRunManifest.FileName, Ct));

        await other.WriteAsync(SequenceRunManifest.FileName, "{\"version\":1}"u8.ToArray(), Ct);
        var error = await Assert.ThrowsAsync<SequenceJournalConflictException>(() => mine.WriteAsync(SequenceRunManifest.FileName, "{\"version\":1,\"frames\":[]}"u8.ToArray(), Ct));

        Assert.Contains("Another sequence run", error.Message, StringComparison.Ordinal);
        Assert.Equal("{\"version\":1}"u8.ToArray(), await other.ReadAsync(SequenceRunManifest.FileName, Ct));
    }

    [Fact]
    public async Task WriteAsync_SameBytesAfterALostAnswer_IsAcceptedAndAFrameIsReplacedOnlyAtTheVersionSeen()
    {
        var store = new BlobSequenceStore(azurite.NewContainer());
        await using var first = await store.OpenAsync("story", Ct);
        await first.WriteAsync("final/frame-001.png", new byte[] { 1, 2, 3 }, Ct);
        await using var again = await store.OpenAsync("story", Ct);

        await again.WriteAsync("final/frame-001.png", new byte[] { 1, 2, 3 }, Ct); // exists with the same hash: done
        await again.WriteAsync("final/frame-001.png", new byte[] { 4, 5 }, Ct);    // a frame made again replaces it

        Assert.Equal(new byte[] { 4, 5 }, await first.ReadAsync("final/frame-001.png", Ct));
    }

    [Fact]
    public async Task DeleteStoryAsync_AfterARun_LeavesNothingOfTheStoryAndKeepsOthers()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        var container = azurite.NewContainer();
        var store = new BlobSequenceStore(container);
        await new SequenceRunner(client).RunToEndAsync(TestStories.Story(3), SequenceTier.Final, new SequenceRunOptions { OutputDirectory = "doomed", Store = store }, Ct);
        await new SequenceRunner(client).RunToEndAsync(TestStories.Story(2), SequenceTier.Final, new SequenceRunOptions { OutputDirectory = "kept", Store = store }, Ct);
        await container.GetBlobClient("doomed/contact-sheet.png").UploadAsync(BinaryData.FromBytes([1]), Ct);

        var partial = await store.DeleteStoryAsync("doomed", cancellationToken: Ct);
        Assert.False(partial.Complete);
        Assert.Equal(["contact-sheet.png"], partial.Kept);
        Assert.Equal("manifest.json", partial.Deleted[0]); // the journal goes first

        var full = await store.DeleteStoryAsync("doomed", includeOtherFiles: true, Ct);

        Assert.True(full.Complete);
        Assert.Empty(await ListAsync(container, "doomed/"));
        Assert.Equal(3, (await ListAsync(container, "kept/")).Count); // manifest + 2 frames
    }

    [Fact]
    public async Task OpenAsync_StorageUnreachable_ThrowsSequenceStoreException()
    {
        var closed = new BlobServiceClient(new Uri("http://127.0.0.1:9/devstoreaccount1"), new BlobClientOptions { Retry = { MaxRetries = 0, NetworkTimeout = TimeSpan.FromSeconds(2) } });
        var store = new BlobSequenceStore(closed.GetBlobContainerClient("nowhere"));

        var error = await Assert.ThrowsAsync<SequenceStoreException>(() => store.OpenAsync("story", Ct));

        Assert.Contains("could not be reached", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => store.PrefixOf("../escape"));
    }

    internal static async Task<List<string>> ListAsync(BlobContainerClient container, string prefix)
    {
        var names = new List<string>();
        await foreach (var item in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.All, prefix, Ct))
        {
            names.Add(item.Name);
        }

        return names;
    }

    internal static SequenceRunManifest SequenceManifestOf(Azure.Response<Azure.Storage.Blobs.Models.BlobDownloadResult> download) =>
        SequenceRunManifest.Parse(download.Value.Content.ToMemory().Span);
}
