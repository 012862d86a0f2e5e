using System.Text;
using Pikumo.ImageGen.Http;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Http;

/// <summary>Seeded random bytes and mutated responses never make the parser throw anything but its protocol error.</summary>
public sealed class ResponseParserFuzzTests
{
    private static readonly byte[] Valid = Encoding.UTF8.GetBytes(OpenAIResponses.ImagesJson([TestImages.Png(16, 16), TestImages.Png(8, 8, seed: 2)]));

    public static TheoryData<int> Seeds => new(Enumerable.Range(1, 40));

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task ReadAsync_MutatedResponse_ReturnsOrThrowsInvalidDataOnly(int seed)
    {
        var random = new Random(seed);
        var bytes = (byte[])Valid.Clone();
        var mutations = random.Next(1, 12);
        for (var i = 0; i < mutations; i++)
        {
            switch (random.Next(4))
            {
                case 0:
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes = bytes[..random.Next(bytes.Length)];
                    break;
                case 2:
                    var at = random.Next(bytes.Length);
                    bytes = [.. bytes[..at], .. "{\"data\":[{\"b64_json\":"u8.ToArray(), .. bytes[at..]];
                    break;
                default:
                    bytes[random.Next(bytes.Length)] = (byte)"{}[]\",:\\"[random.Next(8)];
                    break;
            }

            if (bytes.Length == 0)
            {
                break;
            }
        }

        await ParsesOrRefusesAsync(bytes);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task ReadAsync_RandomBytes_ThrowsInvalidDataOnly(int seed)
    {
        var bytes = new byte[new Random(seed).Next(0, 4096)];
        new Random(seed + 1000).NextBytes(bytes);
        await ParsesOrRefusesAsync(bytes);
    }

    [Fact]
    public async Task ReadAsync_DeeplyNestedJson_IsRefusedNotCrashed()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"a\":" + new string('[', 100_000) + new string(']', 100_000) + "}");
        await Assert.ThrowsAsync<InvalidDataException>(() => ImagesStreamingReader.ReadAsync(new MemoryStream(bytes), long.MaxValue, destination: null, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(4096)]
    public async Task ReadAsync_AnyChunking_GivesTheSameImages(int chunk)
    {
        var payload = await ImagesStreamingReader.ReadAsync(new TrickleStream(Valid, chunk), long.MaxValue, destination: null, TestContext.Current.CancellationToken);

        Assert.Equal(2, payload.Images.Count);
        Assert.Equal(TestImages.Png(16, 16), payload.Images[0].Data);
        Assert.Equal(7910, payload.Usage!.TotalTokens);
    }

    private static async Task ParsesOrRefusesAsync(byte[] bytes)
    {
        try
        {
            await ImagesStreamingReader.ReadAsync(new TrickleStream(bytes, 97), 1_000_000, destination: null, TestContext.Current.CancellationToken);
        }
        catch (InvalidDataException)
        {
            // the protocol error the transport maps to ImageGenProtocolException
        }
    }

    /// <summary>Hands out at most <c>chunk</c> bytes per read, like a slow network.</summary>
    private sealed class TrickleStream(byte[] data, int chunk) : MemoryStream(data)
    {
        public override int Read(byte[] buffer, int offset, int count) => base.Read(buffer, offset, Math.Min(count, chunk));

        public override int Read(Span<byte> buffer) => base.Read(buffer[..Math.Min(buffer.Length, chunk)]);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            new(Read(buffer.Span));
    }
}
