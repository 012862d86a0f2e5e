using System.Buffers.Binary;
using System.IO.Compression;

namespace Pikumo.ImageGen.Tests.Infrastructure;

/// <summary>Checks that bytes are a complete, valid PNG: signature, header size, every chunk's CRC, pixel data that inflates to the right size, IEND last.</summary>
public static class PngAssert
{
    public static ImageHeader Valid(ReadOnlyMemory<byte> png, int width, int height)
    {
        var data = png.Span;
        Assert.True(ImageHeader.TryRead(data, out var header), "not a PNG, JPEG or WEBP");
        Assert.Equal(ImageFormat.Png, header.Format);
        Assert.Equal((width, height), (header.Width, header.Height));

        using var idat = new MemoryStream();
        var position = 8;
        var last = string.Empty;
        while (position < data.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(data[position..]);
            var type = System.Text.Encoding.ASCII.GetString(data.Slice(position + 4, 4));
            var stored = BinaryPrimitives.ReadUInt32BigEndian(data[(position + 8 + length)..]);
            Assert.True(Crc(data.Slice(position + 4, 4 + length)) == stored, $"bad CRC in chunk {type}");
            if (type == "IDAT")
            {
                idat.Write(data.Slice(position + 8, length));
            }

            last = type;
            position += 12 + length;
        }

        Assert.Equal("IEND", last);
        Assert.Equal(data.Length, position);
        idat.Position = 0;
        using var inflated = new MemoryStream();
        using (var zlib = new ZLibStream(idat, CompressionMode.Decompress))
        {
            zlib.CopyTo(inflated);
        }

        var channels = data[25] == 6 ? 4 : 3;
        Assert.Equal((long)height * (1 + (width * channels)), inflated.Length);
        return header;
    }

    /// <summary>The RGB pixels of an unfiltered 8-bit RGB PNG (what the simulator writes), decoded once for sampling.</summary>
    public static DecodedPng Decode(ReadOnlyMemory<byte> png)
    {
        var width = (int)BinaryPrimitives.ReadUInt32BigEndian(png.Span[16..]);
        var height = (int)BinaryPrimitives.ReadUInt32BigEndian(png.Span[20..]);
        Valid(png, width, height);
        using var idat = new MemoryStream();
        var data = png.Span;
        for (var position = 8; position < data.Length;)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(data[position..]);
            if (data.Slice(position + 4, 4).SequenceEqual("IDAT"u8))
            {
                idat.Write(data.Slice(position + 8, length));
            }

            position += 12 + length;
        }

        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        using var pixels = new MemoryStream();
        zlib.CopyTo(pixels);
        return new DecodedPng(width, height, pixels.ToArray());
    }

    /// <summary>A bitwise CRC-32 (not the simulator's table-driven one, so the check is independent).</summary>
    private static uint Crc(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}

/// <summary>Decoded rows of an RGB PNG (each row starts with its filter byte, 0 for the simulator's).</summary>
public sealed record DecodedPng(int Width, int Height, byte[] Rows)
{
    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            var offset = (y * (1 + (Width * 3))) + 1 + (x * 3);
            return (Rows[offset], Rows[offset + 1], Rows[offset + 2]);
        }
    }
}
