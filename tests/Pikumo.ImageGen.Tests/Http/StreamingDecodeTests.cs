using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Pikumo.ImageGen.Http;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Http;

/// <summary>
/// Decoding as the answer arrives (issue 18, items 4 and 5): the streaming reader writes each <c>data[i].b64_json</c>
/// to its destination, or holds it as one exact array, whatever the read sizes, with the same bytes, usage and echoes
/// as System.Text.Json over the whole document; with a destination it holds no image, held it never holds the JSON text.
/// </summary>
public sealed class StreamingDecodeTests
{
    private static readonly byte[][] Images = [TestImages.Png(40, 30, seed: 3), TestImages.Png(17, 9, seed: 4, noise: true), TestImages.Jpeg(64, 48), TestImages.Webp(20, 10)];

    public static TheoryData<int> ReadSizes => new(1, 2, 3, 5, 7, 64, 4093, 1 << 20);

    [Theory]
    [MemberData(nameof(ReadSizes))]
    public async Task ReadAsync_AnyReadSize_WritesEachImageAndParsesTheRest(int readSize)
    {
        var json = Encoding.UTF8.GetBytes(OpenAIResponses.ImagesJson(Images));
        var writers = new Dictionary<int, ArrayBufferWriter<byte>>();

        var payload = await ImagesStreamingReader.ReadAsync(new TrickleStream(json, readSize), long.MaxValue, ImageDestination.ToBufferWriters(i => writers[i] = new ArrayBufferWriter<byte>()), TestContext.Current.CancellationToken);
        var whole = ImagesResponseReader.Parse(json);   // System.Text.Json over the whole document: the oracle

        Assert.Equal(Images.Length, writers.Count);
        for (var i = 0; i < Images.Length; i++)
        {
            Assert.Equal(Images[i], writers[i].WrittenSpan.ToArray());
            var saved = payload.Images[i].Saved!;
            Assert.Equal((i, Images[i].LongLength, Convert.ToHexStringLower(SHA256.HashData(Images[i]))), (saved.Index, saved.Length, saved.Sha256));
            Assert.Equal(new GeneratedImage(i, Images[i]).Header, saved.Header);
        }

        Assert.Equal(whole.Usage, payload.Usage);
        Assert.Equal((whole.Created, whole.Size, whole.Quality, whole.OutputFormat), (payload.Created, payload.Size, payload.Quality, payload.OutputFormat));
    }

    [Theory]
    [MemberData(nameof(ReadSizes))]
    public async Task ReadAsync_NoDestination_HoldsTheImagesTheWholeDocumentParserFinds(int readSize)
    {
        var json = Encoding.UTF8.GetBytes(OpenAIResponses.ImagesJson(Images));

        var payload = await ImagesStreamingReader.ReadAsync(new TrickleStream(json, readSize), long.MaxValue, destination: null, TestContext.Current.CancellationToken);
        var whole = ImagesResponseReader.Parse(json);

        Assert.Equal(Images, payload.Images.Select(i => i.Data));
        Assert.Equal(whole.Images.Select(i => i.Data), payload.Images.Select(i => i.Data));
        Assert.All(payload.Images, i => Assert.Null(i.Saved));
        Assert.Equal(whole.Usage, payload.Usage);
    }

    [Fact]
    public async Task ReadAsync_NoDestinationBrokenBase64_NamesTheImage()
    {
        var json = $"{{\"data\":[{{\"b64_json\":\"{Convert.ToBase64String(Images[0])}\"}},{{\"b64_json\":\"iVBO*w0K\"}}]}}";

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ImagesStreamingReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), long.MaxValue, destination: null, TestContext.Current.CancellationToken));

        Assert.Equal("data[1].b64_json is not valid base64.", error.Message);
    }

    [Fact]
    public async Task ReadAsync_EscapedSlashesAndOtherKeysNamedLikeIt_DecodesOnlyTheImages()
    {
        var image = Images[0];
        var base64 = Convert.ToBase64String(image).Replace("/", "\\/", StringComparison.Ordinal);
        var json = $"{{\"usage\":{{\"b64_json\":\"not an image\"}},\"data\":[{{\"revised_prompt\":\"b64_json\",\"b64_json\":\"{base64}\"}}]}}";
        var writers = new List<ArrayBufferWriter<byte>>();

        var payload = await ImagesStreamingReader.ReadAsync(new TrickleStream(Encoding.UTF8.GetBytes(json), 3), long.MaxValue, ImageDestination.ToBufferWriters(_ => Add(writers)), TestContext.Current.CancellationToken);

        Assert.Equal(image, Assert.Single(writers).WrittenSpan.ToArray());
        Assert.Equal("b64_json", Assert.Single(payload.Images).RevisedPrompt);
    }

    [Theory]
    [InlineData("{\"data\":[{\"b64_json\":\"iVBO*w0K\"}]}")]
    [InlineData("{\"data\":[{\"b64_json\":\"iVBORw0KGgo")]
    [InlineData("{\"data\":[{\"b64_json\":\"iVB\\nORw0KGgo=\"}]}")]
    [InlineData("")]
    public async Task ReadAsync_BrokenBase64OrCutOff_ThrowsInvalidDataAndLeavesNoFile(string json)
    {
        using var folder = new TempFolder();

        await Assert.ThrowsAsync<InvalidDataException>(() => ImagesStreamingReader.ReadAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), long.MaxValue, ImageDestination.ToFiles(Path.Combine(folder.Path, "image-{index}{ext}")), TestContext.Current.CancellationToken));

        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public async Task ReadAsync_OverTheCap_Stops()
    {
        var json = Encoding.UTF8.GetBytes(OpenAIResponses.ImagesJson([Images[1]]));

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ImagesStreamingReader.ReadAsync(new MemoryStream(json), json.Length - 1, ImageDestination.ToStreams(_ => Stream.Null), TestContext.Current.CancellationToken));

        Assert.Contains("MaxResponseBytes", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Proves the streaming: decoding four ~0.4 MB noise PNGs allocates far less than the images (the whole-body reader allocates at least them).</summary>
    [Fact]
    public void ReadAsync_FourLargeImages_AllocatesAFractionOfTheDecodedBytes()
    {
        byte[][] images = [.. Enumerable.Range(1, 4).Select(seed => TestImages.Png(384, 384, seed: seed, noise: true))];
        var json = Encoding.UTF8.GetBytes(OpenAIResponses.ImagesJson(images));
        var decoded = images.Sum(i => (long)i.Length);
        var destination = ImageDestination.ToStreams(_ => Stream.Null);
        Read();   // warm up (pools, JIT)

        var before = GC.GetAllocatedBytesForCurrentThread();
        var payload = Read();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(images.Select(i => (long)i.Length), payload.Images.Select(i => i.Saved!.Length));
        TestContext.Current.TestOutputHelper?.WriteLine($"decoded {decoded:N0} B, allocated {allocated:N0} B ({(double)allocated / decoded:0.000}×)");
        Assert.True(allocated < decoded / 10, $"allocated {allocated:N0} B for {decoded:N0} decoded bytes");

        // A MemoryStream completes every read at once, so the whole read runs on this thread.
        ImagesPayload Read() => ImagesStreamingReader.ReadAsync(new MemoryStream(json), long.MaxValue, destination, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>
    /// Holding images costs the images, not their JSON: four ~0.4 MB noise PNGs span several pooled segments each, and
    /// the read allocates their exact arrays and little more (their base64 text alone is 1.33× them; a reader that must
    /// hold a whole token in a doubling buffer allocates or rents up to twice that).
    /// </summary>
    [Fact]
    public void ReadAsync_NoDestinationFourLargeImages_AllocatesTheImagesAndLittleMore()
    {
        byte[][] images = [.. Enumerable.Range(1, 4).Select(seed => TestImages.Png(384, 384, seed: seed, noise: true))];
        Assert.All(images, i => Assert.True(i.Length > 2 * HeldImage.SegmentSize, "each image spans several segments"));
        var json = Encoding.UTF8.GetBytes(OpenAIResponses.ImagesJson(images));
        var decoded = images.Sum(i => (long)i.Length);
        Read();   // warm up (pools, JIT)

        var before = GC.GetAllocatedBytesForCurrentThread();
        var payload = Read();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(images, payload.Images.Select(i => i.Data));
        TestContext.Current.TestOutputHelper?.WriteLine($"decoded {decoded:N0} B, allocated {allocated:N0} B ({(double)allocated / decoded:0.000}×)");
        Assert.InRange(allocated, decoded, decoded + (decoded / 20));

        ImagesPayload Read() => ImagesStreamingReader.ReadAsync(new MemoryStream(json), long.MaxValue, destination: null, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>The pool hands the last array returned on a thread to the next rent on it: a held image's segments come back cleared.</summary>
    [Fact]
    public void ReadAsync_NoDestination_LeavesNoImageBytesInTheSharedPool()
    {
        var image = TestImages.Png(256, 256, seed: 9, noise: true);
        var json = Encoding.UTF8.GetBytes(OpenAIResponses.ImagesJson([image]));

        var payload = Read();
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(HeldImage.SegmentSize);
        var leftover = rented.AsSpan().IndexOfAnyExcept((byte)0) >= 0;
        System.Buffers.ArrayPool<byte>.Shared.Return(rented);

        Assert.Equal(image, Assert.Single(payload.Images).Data);
        Assert.False(leftover, "a segment went back to the pool with image bytes in it");

        // A MemoryStream completes every read at once, so every segment is rented and returned on this thread.
        ImagesPayload Read() => ImagesStreamingReader.ReadAsync(new MemoryStream(json), long.MaxValue, destination: null, CancellationToken.None).GetAwaiter().GetResult();
    }

    private static ArrayBufferWriter<byte> Add(List<ArrayBufferWriter<byte>> writers)
    {
        var writer = new ArrayBufferWriter<byte>();
        writers.Add(writer);
        return writer;
    }

    /// <summary>Hands out at most <c>readSize</c> bytes per read, as a slow socket would.</summary>
    private sealed class TrickleStream(byte[] data, int readSize) : MemoryStream(data, writable: false)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, readSize));

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, readSize)], cancellationToken);
    }
}
