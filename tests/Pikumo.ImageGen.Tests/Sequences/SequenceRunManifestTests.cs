using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Sequences;

/// <summary>The public, read-only view of a run's manifest: typed tiers and states over the journal's on-disk format.</summary>
public sealed class SequenceRunManifestTests
{
    private const string Manifest = """
        {
          "version": 1,
          "references": [
            { "tier": "reference", "beat": 0, "text": "portrait of Mia", "chunk": 0, "file": "references/ref-1.png", "status": "done", "cost_usd": 0.04, "elapsed_ms": 1500 }
          ],
          "composites": [
            { "tier": "preview", "beat": -1, "text": "chunk 1", "chunk": 0, "file": "preview/composite-1.png", "status": "done", "cost_usd": 0.067, "cost_estimated": true, "request_id": "req-c1" }
          ],
          "frames": [
            { "tier": "final", "beat": 0, "text": "wakes up", "chunk": 0, "file": "final/frame-001.png", "sha256": "ab12", "status": "done", "provider": "openai",
              "model": "gpt-image-2", "attempts": 2, "references": ["mia.png"], "consents": [ { "subject": "Mia", "granted_by": "Mia's parent", "scope": "story", "granted_at": "2026-01-01T00:00:00+00:00" } ],
              "cost_usd": 0.05, "usage": { "input_tokens": 10, "output_tokens": 20, "total_tokens": 30 }, "elapsed_ms": 2500 },
            { "tier": "final", "beat": 1, "text": "coffee", "chunk": 0, "status": "in_flight", "request_id": "fal-job-1" },
            { "tier": "final", "beat": 2, "text": "walk", "chunk": 0, "status": "answered", "sha256": "cd34" },
            { "tier": "final", "beat": 3, "text": "bus", "chunk": 0, "status": "failed", "error": "429" },
            { "tier": "final", "beat": 4, "text": "work", "chunk": 0, "status": "unknown", "possibly_billed_twice": 1 },
            { "tier": "final", "beat": 5, "text": "lunch", "chunk": 0, "status": "a state of a newer runner" }
          ]
        }
        """;

    [Fact]
    public async Task LoadAsync_OnDiskFormat_ReadsAsTypedTiersAndStates()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, SequenceRunManifest.FileName), Manifest, TestContext.Current.CancellationToken);

        var manifest = await SequenceRunManifest.LoadAsync(folder.Path, TestContext.Current.CancellationToken);

        Assert.NotNull(manifest);
        Assert.Equal(1, manifest.Version);
        var reference = Assert.Single(manifest.References);
        Assert.Null(reference.Tier);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), reference.Elapsed);
        var composite = Assert.Single(manifest.Composites);
        Assert.Equal(SequenceTier.Preview, composite.Tier);
        Assert.Equal(new ImageCost(0.067m, ImageCostBasis.Estimate), composite.Cost);
        Assert.Equal(
            [SequenceEntryState.Done, SequenceEntryState.InFlight, SequenceEntryState.Answered, SequenceEntryState.Failed, SequenceEntryState.OutcomeUnknown, SequenceEntryState.OutcomeUnknown],
            manifest.Frames.Select(f => f.State));
        Assert.All(manifest.Frames, f => Assert.Equal(SequenceTier.Final, f.Tier));

        var done = manifest.Frames[0];
        Assert.Equal(("final/frame-001.png", "ab12", "openai", "gpt-image-2", 2), (done.File, done.Sha256, done.Provider, done.Model, done.Attempts));
        Assert.Equal(new ImageCost(0.05m, ImageCostBasis.Usage), done.Cost);
        Assert.Equal(30, done.Usage!.TotalTokens);
        Assert.Equal(["mia.png"], done.References);
        Assert.Equal("Mia", Assert.Single(done.Consents).Subject);
        Assert.Equal("fal-job-1", manifest.Frames[1].RequestId);
        Assert.Equal(1, manifest.Frames[4].PossiblyBilledTwice);
        Assert.Empty(manifest.Frames[1].References);
        Assert.Empty(manifest.Frames[1].Consents);
    }

    [Fact]
    public async Task LoadAsync_Lists_CannotBeChanged()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, SequenceRunManifest.FileName), Manifest, TestContext.Current.CancellationToken);

        var manifest = (await SequenceRunManifest.LoadAsync(folder.Path, TestContext.Current.CancellationToken))!;

        Assert.Throws<NotSupportedException>(() => ((IList<SequenceRunManifestEntry>)manifest.Frames).Clear());
        Assert.Throws<NotSupportedException>(() => ((IList<string>)manifest.Frames[0].References).Add("other.png"));
    }

    [Fact]
    public async Task LoadAsync_ListsLeftOut_ReadAsEmpty_AndNoManifestIsNull()
    {
        using var folder = new TempFolder();
        Assert.Null(await SequenceRunManifest.LoadAsync(folder.Path, TestContext.Current.CancellationToken));

        await File.WriteAllTextAsync(Path.Combine(folder.Path, SequenceRunManifest.FileName), "{}", TestContext.Current.CancellationToken);
        var manifest = (await SequenceRunManifest.LoadAsync(folder.Path, TestContext.Current.CancellationToken))!;

        Assert.Empty(manifest.References);
        Assert.Empty(manifest.Composites);
        Assert.Empty(manifest.Frames);
    }

    [Fact]
    public async Task LoadAsync_NotAManifest_ThrowsInvalidData_AndABlankFolderNamesTheParameter()
    {
        using var folder = new TempFolder();
        await File.WriteAllTextAsync(Path.Combine(folder.Path, SequenceRunManifest.FileName), "[1, 2", TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<InvalidDataException>(() => SequenceRunManifest.LoadAsync(folder.Path, TestContext.Current.CancellationToken));
        Assert.Equal("directory", (await Assert.ThrowsAsync<ArgumentException>(() => SequenceRunManifest.LoadAsync(" ", TestContext.Current.CancellationToken))).ParamName);
    }

    [Fact]
    public async Task LoadAsync_AfterARun_MatchesTheFrames()
    {
        var simulator = new Pikumo.ImageGen.Testing.ImageGenSimulator(new Pikumo.ImageGen.Testing.SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var folder = new TempFolder();
        var result = await new SequenceRunner(client).RunToEndAsync(SequenceRunnerTests.Story(3), SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);

        var manifest = (await SequenceRunManifest.LoadAsync(folder.Path, TestContext.Current.CancellationToken))!;

        Assert.Equal(result.Frames.Select(f => (f.BeatIndex, f.RequestId)), manifest.Frames.Select(f => (f.Beat, f.RequestId)));
        Assert.All(manifest.Frames, f => Assert.Equal((SequenceTier.Final, SequenceEntryState.Done), (f.Tier!.Value, f.State)));
    }
}
