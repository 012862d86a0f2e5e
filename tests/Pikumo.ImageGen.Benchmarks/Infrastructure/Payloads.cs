using System.Buffers;
using System.Collections.Concurrent;
using System.IO.Compression;
using System.Text.Json;
using Pikumo.ImageGen.Testing.Imaging;

namespace Pikumo.ImageGen.Benchmarks.Infrastructure;

/// <summary>
/// Deterministic payloads: PNGs of random noise that deflate cannot shrink much, and OpenAI <c>ImagesResponse</c>
/// JSON around them. Noise keeps 5 random bits per channel (the low 3 are zero), so a 1024×1024 PNG is about 2 MB
/// and a 1536×1024 one about 3 MB, the size of real gpt-image outputs; n=4 of the larger makes a ~16 MB JSON body.
/// </summary>
internal static class Payloads
{
    public const string Prompt = "Keep the woman in image 1 exactly as she is; put her on a rainy Tokyo street at dusk, neon reflections, 35 mm film look.";

    private static readonly ConcurrentDictionary<(int Width, int Height, int Seed, int Bits), byte[]> Pngs = new();

    /// <summary>A noise PNG, cached per arguments.</summary>
    /// <param name="bits">Random bits per channel (8 = incompressible).</param>
    public static byte[] NoisePng(int width, int height, int seed, int bits = 5) =>
        Pngs.GetOrAdd((width, height, seed, bits), static key =>
        {
            var pixels = new byte[key.Width * key.Height * 3];
            new Random(key.Seed).NextBytes(pixels);
            var mask = (byte)(0xFF << (8 - key.Bits));
            for (var i = 0; i < pixels.Length; i++)
            {
                pixels[i] &= mask;
            }

            // Optimal: dynamic Huffman codes, so 5-bit noise takes ~5/8 of its raw size (Fastest uses fixed codes).
            return PngEncoder.Encode(key.Width, key.Height, pixels, compression: CompressionLevel.Optimal);
        });

    /// <summary>The images an edit answers with: <paramref name="count"/> different noise PNGs of <paramref name="size"/>.</summary>
    public static byte[][] ResponseImages(int count, ImageSize size) =>
        [.. Enumerable.Range(0, count).Select(i => NoisePng(size.Width, size.Height, seed: 1000 + (size.Width * 10) + i))];

    /// <summary>The decoded bytes one call returns (the sum of its images' lengths).</summary>
    public static long DecodedBytes(int count, ImageSize size) => ResponseImages(count, size).Sum(i => (long)i.Length);

    /// <summary>An OpenAI <c>ImagesResponse</c> as gpt-image models answer an edit: base64 images, echoed settings and usage.</summary>
    public static byte[] ImagesJson(IReadOnlyList<byte[]> images, ImageSize size, string quality = "high")
    {
        var buffer = new ArrayBufferWriter<byte>(images.Sum(i => (i.Length / 3 * 4) + 8) + 1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("created", 1_780_000_000);
            writer.WriteString("background", "opaque");
            writer.WriteStartArray("data");
            foreach (var image in images)
            {
                writer.WriteStartObject();
                writer.WriteBase64String("b64_json", image);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteString("output_format", "png");
            writer.WriteString("quality", quality);
            writer.WriteString("size", $"{size.Width}x{size.Height}");
            writer.WriteStartObject("usage");
            writer.WriteNumber("input_tokens", 1_324);
            writer.WriteNumber("output_tokens", 6_240 * images.Count);
            writer.WriteNumber("total_tokens", 1_324 + (6_240 * images.Count));
            writer.WriteStartObject("input_tokens_details");
            writer.WriteNumber("text_tokens", 84);
            writer.WriteNumber("image_tokens", 1_240);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>
    /// A noise PNG of about <paramref name="megabytes"/> MB (incompressible: 8 random bits per channel) in a temporary
    /// file, written once per machine.
    /// </summary>
    public static string ReferenceFile(int megabytes)
    {
        var path = Path.Combine(Path.GetTempPath(), $"pikumo-bench-reference-{megabytes}mb-v2.png");
        if (!File.Exists(path))
        {
            var side = (int)Math.Sqrt(megabytes * 1_000_000.0 / 3);
            var pixels = new byte[side * side * 3];
            new Random(megabytes).NextBytes(pixels);
            var partial = path + $".{Environment.ProcessId}.tmp";
            File.WriteAllBytes(partial, PngEncoder.Encode(side, side, pixels, compression: CompressionLevel.Fastest));
            File.Move(partial, path, overwrite: true);
        }

        return path;
    }
}
