using System.Buffers.Binary;
using System.IO.Compression;

namespace Pikumo.ImageGen.Testing.Imaging;

/// <summary>Encodes 8-bit RGB or RGBA pixels as PNG, in managed code (zlib from the runtime).</summary>
internal static class PngEncoder
{
    /// <summary>Encodes pixels, row by row, with no filtering.</summary>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <param name="pixels">Rows of <paramref name="width"/> × 3 (RGB) or × 4 (RGBA) bytes.</param>
    /// <param name="hasAlpha">Whether pixels are RGBA (colour type 6) rather than RGB (colour type 2).</param>
    /// <param name="compression">The zlib level; <see cref="CompressionLevel.NoCompression"/> gives noise-sized files fast.</param>
    /// <returns>The PNG file.</returns>
    public static byte[] Encode(int width, int height, ReadOnlySpan<byte> pixels, bool hasAlpha = false, CompressionLevel compression = CompressionLevel.Fastest)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        var channels = hasAlpha ? 4 : 3;
        var stride = width * channels;
        if (pixels.Length != stride * height)
        {
            throw new ArgumentException($"Expected {stride * height} bytes of pixels, got {pixels.Length}.", nameof(pixels));
        }

        using var idat = new MemoryStream();
        using (var zlib = new ZLibStream(idat, compression, leaveOpen: true))
        {
            for (var y = 0; y < height; y++)
            {
                zlib.WriteByte(0); // filter type None
                zlib.Write(pixels.Slice(y * stride, stride));
            }
        }

        using var png = new MemoryStream((int)idat.Length + 64);
        png.Write(PngChunks.Signature);
        Span<byte> ihdr = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr[4..], height);
        ihdr[8] = 8;
        ihdr[9] = (byte)(hasAlpha ? 6 : 2);
        WriteChunk(png, "IHDR"u8, ihdr);
        WriteChunk(png, "IDAT"u8, idat.GetBuffer().AsSpan(0, (int)idat.Length));
        WriteChunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream stream, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        stream.Write(word);
        stream.Write(type);
        stream.Write(data);
        var crc = Crc32.Update(Crc32.Update(0xFFFFFFFFu, type), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(word, crc);
        stream.Write(word);
    }
}
