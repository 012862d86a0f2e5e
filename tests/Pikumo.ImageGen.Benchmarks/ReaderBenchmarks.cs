using BenchmarkDotNet.Attributes;
using Pikumo.ImageGen.Benchmarks.Infrastructure;
using Pikumo.ImageGen.Benchmarks.Readers;
using Pikumo.ImageGen.Http;

namespace Pikumo.ImageGen.Benchmarks;

/// <summary>
/// The response reader alone, images held: the library's (<see cref="ImagesStreamingReader"/> without a destination:
/// the base64 decoded slice by slice as it arrives into pooled segments, then one exact array per image) against the
/// two it replaced: source-generated System.Text.Json <c>DeserializeAsync</c> with <c>byte[]</c> properties
/// (<see cref="WholeTokenImagesReader"/>) and the hand-written <see cref="HandWrittenImagesReader"/> (a resumable
/// Utf8JsonReader parser, its working buffer above 1 MB left to the GC), all over a size-capped stream of the same
/// <c>ImagesResponse</c> body held in memory, read whole or 16 KB per read (one TLS record). Alloc/Decoded divides by
/// the decoded images' bytes. See docs/performance.md for the numbers.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("reader")]
public class ReaderBenchmarks
{
    private const long Cap = 256L * 1024 * 1024;
    private byte[] _body = null!;

    /// <summary>Images in the answer.</summary>
    [Params(1, 4)]
    public int N { get; set; } = 1;

    [Params("1024x1024")]
    public string Size { get; set; } = "1024x1024";

    /// <summary>How the body arrives: <c>whole</c> (as large reads as the reader asks) or <c>16KB</c> per read.</summary>
    [Params("whole", "16KB")]
    public string Reads { get; set; } = "whole";

    [GlobalSetup]
    public void Setup()
    {
        var size = BenchmarkClients.ParseSize(Size);
        _body = Payloads.ImagesJson(Payloads.ResponseImages(N, size), size);
    }

    [Benchmark(Baseline = true, Description = "hand-written ImagesResponseReader")]
    public async Task<int> HandWritten()
    {
        var payload = await HandWrittenImagesReader.ReadAsync(Body(), Cap, CancellationToken.None);
        return payload.Images.Sum(i => i.Data!.Length);
    }

    [Benchmark(Description = "source-generated System.Text.Json DeserializeAsync")]
    public async Task<int> SourceGenerated()
    {
        var images = await WholeTokenImagesReader.ReadAsync(Body(), Cap, CancellationToken.None);
        return images.Sum(i => i.Length);
    }

    [Benchmark(Description = "decoded as it arrives (the library's)")]
    public async Task<int> DecodedAsItArrives()
    {
        var payload = await ImagesStreamingReader.ReadAsync(Body(), Cap, destination: null, CancellationToken.None);
        return payload.Images.Sum(i => i.Data!.Length);
    }

    private Stream Body() => Reads == "16KB" ? new SlicedReadStream(_body, 16 * 1024) : new MemoryStream(_body, writable: false);

    /// <summary>A memory stream that hands out at most a slice per read, as a TLS connection does.</summary>
    private sealed class SlicedReadStream(byte[] data, int slice) : MemoryStream(data, writable: false)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer.Length > slice ? buffer[..slice] : buffer, cancellationToken);

        public override int Read(Span<byte> buffer) => base.Read(buffer.Length > slice ? buffer[..slice] : buffer);
    }
}
