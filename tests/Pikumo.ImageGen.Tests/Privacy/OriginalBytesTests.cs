using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Testing.Imaging;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Privacy;

/// <summary>Every image a provider returns is saved as the provider's bytes: whatever provenance box it carries survives.</summary>
public sealed class OriginalBytesTests
{
    [Theory]
    [InlineData(ImageProvider.OpenAI)]
    [InlineData(ImageProvider.AzureOpenAI)]
    [InlineData(ImageProvider.Fal)]
    public async Task SaveAllAsync_MarkedImages_AreTheSimulatorsBytes(ImageProvider provider)
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0, ProvenanceMarker = true });
        using var client = simulator.CreateClient(provider, o => o.Fal.PollInterval = TimeSpan.FromMilliseconds(1));
        using var folder = new TempFolder();

        var result = await client.EditAsync(new ImageEditRequest("two variants", ImageInput.FromBytes(TestImages.Png())) { Count = 2 }, TestContext.Current.CancellationToken);
        var paths = await result.SaveAllAsync(folder.Path, "story", cancellationToken: TestContext.Current.CancellationToken);

        var sent = simulator.Recorder.SentImages;
        Assert.Equal(2, sent.Count);
        Assert.Equal(2, paths.Count);
        for (var i = 0; i < paths.Count; i++)
        {
            var saved = await File.ReadAllBytesAsync(paths[i], TestContext.Current.CancellationToken);
            Assert.Equal(sent[i].Data.ToArray(), saved);
            Assert.True(ProvenanceMarker.TryRead(saved, out var marker));
            Assert.Contains($"\"image\":{i}", marker, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ProvenanceMarker_Off_ImagesCarryNoBox()
    {
        var png = TestImages.Png();

        Assert.False(ProvenanceMarker.TryRead(png, out _));
        Assert.True(ProvenanceMarker.TryRead(ProvenanceMarker.Add(png, "{}"), out var json));
        Assert.Equal("{}", json);
    }

    [Fact]
    public void ProvenanceMarker_IsAValidPngChunk()
    {
        var marked = ProvenanceMarker.Add(TestImages.Png(), "{\"marker\":true}");

        // The runtime's own PNG header reader still reads it; the chunk sits between IHDR and IDAT.
        Assert.True(ImageHeader.TryRead(marked, out var header));
        Assert.Equal(64, header.Width);
        Assert.Equal("caBX"u8.ToArray(), marked.AsSpan(33 + 4, 4).ToArray());
    }
}
