using System.Security.Cryptography;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Results;

/// <summary>
/// <see cref="ImageGenClient.EditAsync(ImageEditRequest, ImageDestination, CancellationToken)"/>: the images a call
/// returns go to the caller's files, streams or buffer writers as the answer is read, byte for byte what the plain
/// call returns, files atomically; the result says where, how long and which SHA-256, and holds no bytes.
/// </summary>
public sealed class ImageDestinationTests
{
    private static ImageEditRequest Request(int count = 2) => new("Mia on a balcony", ImageInput.FromBytes(TestImages.Png(32, 32), "mia.png")) { Count = count, Size = ImageSize.Square1024, Quality = ImageQuality.Low };

    [Theory]
    [InlineData(ImageProvider.OpenAI)]
    [InlineData(ImageProvider.AzureOpenAI)]
    [InlineData(ImageProvider.Fal)]
    public async Task EditAsync_ToFiles_WritesWhatThePlainCallReturns(ImageProvider provider)
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient(provider);
        using var folder = new TempFolder();
        var plain = await client.EditAsync(Request(), TestContext.Current.CancellationToken);

        var result = await client.EditAsync(Request(), ImageDestination.ToFiles(Path.Combine(folder.Path, "frame-{index}{ext}")), TestContext.Current.CancellationToken);

        Assert.Equal(2, result.Images.Count);
        foreach (var image in result.Images)
        {
            var bytes = await File.ReadAllBytesAsync(image.SavedTo!, TestContext.Current.CancellationToken);
            Assert.Equal(plain.Images[image.Index].Data.ToArray(), bytes);
            Assert.Equal(Path.Combine(folder.Path, $"frame-{image.Index}.png"), image.SavedTo);
            Assert.True(image.IsWrittenToDestination && image.Data.IsEmpty);
            Assert.Equal((bytes.LongLength, Convert.ToHexStringLower(SHA256.HashData(bytes)), plain.Images[image.Index].Header), (image.Length, image.Sha256, image.Header));
            Assert.Throws<InvalidOperationException>(() => image.OpenRead());
        }

        Assert.Equal(plain.Cost, result.Cost);
        Assert.Equal(2, Directory.GetFiles(folder.Path).Length);   // no temporary file left
    }

    [Fact]
    public async Task EditAsync_ToStreams_WritesEachImageToItsStream()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        var streams = new Dictionary<int, MemoryStream>();

        var result = await client.EditAsync(Request(), ImageDestination.ToStreams(i => streams[i] = new MemoryStream()), TestContext.Current.CancellationToken);

        Assert.Equal([0, 1], streams.Keys.Order());
        Assert.All(result.Images, i => Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(streams[i.Index].ToArray())), i.Sha256));
        Assert.All(result.Images, i => Assert.Null(i.SavedTo));
    }

    [Fact]
    public async Task EditAsync_TwoImagesIntoOneFileName_IsRefusedBeforeAnyCall()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var folder = new TempFolder();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.EditAsync(Request(), ImageDestination.ToFiles(Path.Combine(folder.Path, "frame.png")), TestContext.Current.CancellationToken));

        Assert.Equal("destination", error.ParamName);
        Assert.Empty(simulator.Recorder.ImageCalls);
    }

    [Fact]
    public async Task EditAsync_FileExists_FailsWithIOExceptionAndLeavesTheFileAndNoTemporary()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        using var folder = new TempFolder();
        var existing = Path.Combine(folder.Path, "frame.png");
        await File.WriteAllTextAsync(existing, "mine", TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<IOException>(() => client.EditAsync(Request(count: 1), ImageDestination.ToFiles(Path.Combine(folder.Path, "frame{ext}")), TestContext.Current.CancellationToken));

        Assert.Equal("mine", await File.ReadAllTextAsync(existing, TestContext.Current.CancellationToken));
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Theory]
    [InlineData("{index}/frame.png")]
    [InlineData("out/{ext}/frame")]
    public void ToFiles_PlaceholderInAFolder_IsRefused(string pattern) =>
        Assert.Equal("pathPattern", Assert.Throws<ArgumentException>(() => ImageDestination.ToFiles(pattern)).ParamName);
}
