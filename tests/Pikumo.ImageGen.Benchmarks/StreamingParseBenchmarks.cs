using System.Buffers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Pikumo.ImageGen.Benchmarks.Infrastructure;

namespace Pikumo.ImageGen.Benchmarks;

/// <summary>
/// The client's side of a streamed edit alone: the loopback server answers with a prebuilt event stream (two
/// partial images and the completed image, each a 1024×1024 noise PNG of ~2 MB) at once, so what is measured is
/// reading the events and decoding their images. Alloc/Decoded compares with the three images' bytes.
/// </summary>
[MemoryDiagnoser]
[BenchmarkCategory("streaming")]
public class StreamingParseBenchmarks
{
    private CannedResponseServer _server = null!;
    private ImageGenClient _client = null!;
    private byte[] _reference = null!;

    /// <summary>Images per call: one (its two partials and the completed image are decoded).</summary>
    [Params(1)]
    public int N { get; set; } = 1;

    [Params("1024x1024")]
    public string Size { get; set; } = "1024x1024";

    /// <summary>How the body is read: <c>socket</c> (loopback) or <c>16KB</c> (one TLS record per read).</summary>
    [Params("socket", "16KB")]
    public string Reads { get; set; } = "socket";

    [GlobalSetup]
    public void Setup()
    {
        _server = CannedResponseServer.Start(EventStream(), contentType: "text/event-stream");
        _client = BenchmarkClients.Pikumo(_server.BaseAddress, recordSizedReads: Reads == "16KB");
        _reference = Payloads.NoisePng(256, 256, seed: 11);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _server.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Description = "Pikumo.ImageGen stream: 2 partials + completed")]
    public async Task<long> Stream()
    {
        long bytes = 0;
        await foreach (var update in _client.StreamEditAsync(new ImageEditRequest(Payloads.Prompt, ImageInput.FromBytes(_reference, "reference.png"))
        {
            PartialImages = 2,
            Size = ImageSize.Square1024,
            Quality = ImageQuality.High,
        }))
        {
            bytes += update.Image.Data.Length;
        }

        return bytes;
    }

    /// <summary>The images the stream carries, partials first; their sum is what Alloc/Decoded divides by.</summary>
    internal static byte[][] Images() => Payloads.ResponseImages(3, ImageSize.Square1024);

    private static byte[] EventStream()
    {
        var images = Images();
        var text = new ArrayBufferWriter<byte>();
        for (var i = 0; i < images.Length; i++)
        {
            var type = i < images.Length - 1 ? "image_edit.partial_image" : "image_edit.completed";
            var data = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(data))
            {
                writer.WriteStartObject();
                writer.WriteString("type", type);
                writer.WriteBase64String("b64_json", images[i]);
                writer.WriteNumber("created_at", 1_780_000_000);
                writer.WriteString("size", "1024x1024");
                writer.WriteString("quality", "high");
                writer.WriteString("background", "opaque");
                writer.WriteString("output_format", "png");
                if (i < images.Length - 1)
                {
                    writer.WriteNumber("partial_image_index", i);
                }
                else
                {
                    writer.WriteStartObject("usage");
                    writer.WriteNumber("input_tokens", 1_324);
                    writer.WriteNumber("output_tokens", 6_440);
                    writer.WriteNumber("total_tokens", 7_764);
                    writer.WriteStartObject("input_tokens_details");
                    writer.WriteNumber("text_tokens", 84);
                    writer.WriteNumber("image_tokens", 1_240);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }

                writer.WriteEndObject();
            }

            text.Write(Encoding.ASCII.GetBytes($"event: {type}\ndata: "));
            text.Write(data.WrittenSpan);
            text.Write("\n\n"u8);
        }

        return text.WrittenSpan.ToArray();
    }
}
