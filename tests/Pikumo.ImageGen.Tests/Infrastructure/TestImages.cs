using System.IO.Compression;
using Pikumo.ImageGen.Testing.Imaging;

namespace Pikumo.ImageGen.Tests.Infrastructure;

/// <summary>Real image files for tests, made by code.</summary>
public static class TestImages
{
    /// <summary>A PNG of the given size. Noise does not compress, so a 1024² noise PNG is about 3 MB.</summary>
    public static byte[] Png(int width = 64, int height = 64, int seed = 1, bool alpha = false, bool noise = false)
    {
        var channels = alpha ? 4 : 3;
        var pixels = new byte[width * height * channels];
        if (noise)
        {
            new Random(seed).NextBytes(pixels);
        }
        else
        {
            for (var i = 0; i < pixels.Length; i++)
            {
                pixels[i] = (byte)((i * 7) + seed);
            }
        }

        return PngEncoder.Encode(width, height, pixels, alpha, noise ? CompressionLevel.NoCompression : CompressionLevel.Fastest);
    }

    /// <summary>A minimal JPEG: SOI, APP0, a baseline frame header of the given size, EOI. Sniffable, not decodable.</summary>
    public static byte[] Jpeg(int width = 640, int height = 480)
    {
        byte[] head = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
        byte[] sof = [0xFF, 0xC0, 0x00, 0x11, 0x08, (byte)(height >> 8), (byte)height, (byte)(width >> 8), (byte)width, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1];
        byte[] tail = [0xFF, 0xD9];
        return [.. head, .. sof, .. new byte[100], .. tail];
    }

    /// <summary>A minimal lossless WEBP header (VP8L) of the given size.</summary>
    public static byte[] Webp(int width = 320, int height = 200, bool alpha = true)
    {
        var bits = (uint)(width - 1) | ((uint)(height - 1) << 14) | ((alpha ? 1u : 0u) << 28);
        var payload = new byte[] { 0x2F, (byte)bits, (byte)(bits >> 8), (byte)(bits >> 16), (byte)(bits >> 24), 0, 0, 0 };
        var chunkSize = payload.Length;
        var riffSize = 4 + 8 + chunkSize;
        return
        [
            .. "RIFF"u8, (byte)riffSize, (byte)(riffSize >> 8), (byte)(riffSize >> 16), (byte)(riffSize >> 24),
            .. "WEBP"u8, .. "VP8L"u8, (byte)chunkSize, 0, 0, 0, .. payload,
        ];
    }
}
