using System.Buffers.Binary;
using System.IO.Compression;

namespace Pikumo.ImageGen.Testing.Imaging;

/// <summary>
/// Reads the first rows of a PNG as RGB, for checks of the simulator's own marks on images another encoder wrote (a
/// panel the Skia slicer cut): 8-bit greyscale, RGB, grey+alpha or RGBA, not interlaced; anything else is not read.
/// </summary>
internal static class PngRows
{
    /// <summary>The image's width and its first <paramref name="rows"/> rows (3 bytes a pixel), or <see langword="null"/>.</summary>
    public static (int Width, int Height, byte[][] Rows)? Read(ReadOnlySpan<byte> png, int rows)
    {
        if (!PngChunks.StartsWithHeader(png))
        {
            return null;
        }

        var (width, height) = (BinaryPrimitives.ReadInt32BigEndian(png[16..]), BinaryPrimitives.ReadInt32BigEndian(png[20..]));
        int? channels = png[25] switch { 0 => 1, 2 => 3, 4 => 2, 6 => 4, _ => null };
        if (png[24] != 8 || channels is not { } bytesPerPixel || png[28] != 0 || width <= 0 || height <= 0)
        {
            return null;
        }

        using var compressed = new MemoryStream();
        var chunks = new PngChunks.Reader(png);
        while (chunks.MoveNext())
        {
            if (chunks.Type.SequenceEqual("IDAT"u8))
            {
                compressed.Write(chunks.Data);
            }
        }

        if (chunks.Malformed)
        {
            return null;
        }

        compressed.Position = 0;
        try
        {
            return ReadRows(compressed, width, height, bytesPerPixel, rows);
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException)
        {
            return null;   // a truncated or corrupt image is not read, as the summary says
        }
    }

    private static (int Width, int Height, byte[][] Rows)? ReadRows(MemoryStream compressed, int width, int height, int bytesPerPixel, int rows)
    {
        using var inflate = new ZLibStream(compressed, CompressionMode.Decompress);
        var stride = width * bytesPerPixel;
        var previous = new byte[stride];
        var current = new byte[stride];
        var result = new byte[Math.Min(rows, height)][];
        for (var y = 0; y < result.Length; y++)
        {
            var filter = inflate.ReadByte();
            if (filter < 0)
            {
                return null;
            }

            inflate.ReadExactly(current);
            Unfilter(filter, current, previous, bytesPerPixel);
            result[y] = Rgb(current, width, bytesPerPixel);
            (previous, current) = (current, previous);
        }

        return (width, height, result);
    }

    private static void Unfilter(int filter, byte[] row, byte[] above, int bpp)
    {
        for (var i = 0; i < row.Length; i++)
        {
            int left = i >= bpp ? row[i - bpp] : 0, up = above[i], corner = i >= bpp ? above[i - bpp] : 0;
            row[i] = (byte)(row[i] + filter switch
            {
                1 => left,
                2 => up,
                3 => (left + up) / 2,
                4 => Paeth(left, up, corner),
                _ => 0,
            });
        }
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static byte[] Rgb(byte[] row, int width, int bpp)
    {
        var rgb = new byte[width * 3];
        for (var x = 0; x < width; x++)
        {
            var (grey, colour) = (bpp < 3, x * bpp);
            rgb[(x * 3) + 0] = row[colour];
            rgb[(x * 3) + 1] = grey ? row[colour] : row[colour + 1];
            rgb[(x * 3) + 2] = grey ? row[colour] : row[colour + 2];
        }

        return rgb;
    }
}
