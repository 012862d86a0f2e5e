using System.Buffers.Binary;

namespace Pikumo.ImageGen;

/// <summary>
/// What an image file's first bytes say about it: format (from the magic number, never the file name),
/// pixel size and whether it carries an alpha channel. Reads PNG, JPEG and WEBP headers without decoding pixels.
/// </summary>
/// <param name="Format">The format sniffed from the magic bytes.</param>
/// <param name="Width">Width in pixels; 0 when the header did not say (for example a JPEG whose frame header lies beyond the bytes read).</param>
/// <param name="Height">Height in pixels; 0 when unknown.</param>
/// <param name="HasAlpha">Whether the image has an alpha channel (PNG colour types 4 and 6 or a <c>tRNS</c> chunk; WEBP alpha flags).</param>
public readonly record struct ImageHeader(ImageFormat Format, int Width, int Height, bool HasAlpha)
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> PngIendChunk => [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82];

    /// <summary>Whether the pixel size is known.</summary>
    public bool HasSize => Width > 0 && Height > 0;

    /// <summary>The pixel size, or <see cref="ImageSize.Auto"/> when unknown.</summary>
    public ImageSize Size => HasSize ? new ImageSize(Width, Height) : ImageSize.Auto;

    /// <summary>Detects PNG, JPEG or WEBP from the magic bytes.</summary>
    /// <param name="data">The first bytes of the file (12 are enough).</param>
    /// <returns>The format, or <see langword="null"/> when the bytes are none of the three.</returns>
    public static ImageFormat? DetectFormat(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(PngSignature))
        {
            return ImageFormat.Png;
        }

        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return ImageFormat.Jpeg;
        }

        if (data.Length >= 12 && data[..4].SequenceEqual("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8))
        {
            return ImageFormat.Webp;
        }

        return null;
    }

    /// <summary>Reads the header of a PNG, JPEG or WEBP file.</summary>
    /// <param name="data">The first bytes of the file; 64 KiB covers nearly every JPEG's frame header.</param>
    /// <param name="header">The header; its size is 0×0 when the bytes end before the size is given.</param>
    /// <returns>Whether the bytes start like one of the three formats.</returns>
    public static bool TryRead(ReadOnlySpan<byte> data, out ImageHeader header)
    {
        header = default;
        var format = DetectFormat(data);
        if (format is not { } f)
        {
            return false;
        }

        header = f == ImageFormat.Png ? ReadPng(data) : f == ImageFormat.Jpeg ? ReadJpeg(data) : ReadWebp(data);
        return true;
    }

    /// <summary>
    /// Whether a complete file of this format ends like this: PNG with its <c>IEND</c> chunk, JPEG with an
    /// end-of-image marker near the end, WEBP with a RIFF size that fits the length. Catches truncated uploads.
    /// </summary>
    /// <param name="format">The sniffed format.</param>
    /// <param name="head">The first bytes (for the RIFF size).</param>
    /// <param name="tail">The last bytes of the file (up to 1 KiB).</param>
    /// <param name="length">The file's length in bytes.</param>
    /// <returns>Whether the file looks complete.</returns>
    internal static bool LooksComplete(ImageFormat format, ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail, long length)
    {
        if (format == ImageFormat.Png)
        {
            return tail.EndsWith(PngIendChunk);
        }

        if (format == ImageFormat.Jpeg)
        {
            // Cameras sometimes pad after the end-of-image marker; it only has to be near the end.
            return tail.IndexOf([(byte)0xFF, (byte)0xD9]) >= 0;
        }

        return head.Length >= 8 && BinaryPrimitives.ReadUInt32LittleEndian(head[4..8]) + 8L <= length;
    }

    private static ImageHeader ReadPng(ReadOnlySpan<byte> data)
    {
        if (data.Length < 26 || !data[12..16].SequenceEqual("IHDR"u8))
        {
            return new ImageHeader(ImageFormat.Png, 0, 0, false);
        }

        var width = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(data[16..]), int.MaxValue);
        var height = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(data[20..]), int.MaxValue);
        var colorType = data[25];
        var alpha = colorType is 4 or 6;

        // A palette or grey image gets alpha from a tRNS chunk, which must come before the first IDAT.
        var pos = 8;
        while (!alpha && pos + 8 <= data.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(data[pos..]);
            var type = data.Slice(pos + 4, 4);
            if (type.SequenceEqual("tRNS"u8))
            {
                alpha = true;
            }
            else if (type.SequenceEqual("IDAT"u8) || length > int.MaxValue - 12)
            {
                break;
            }

            pos += 12 + (int)length;
        }

        return new ImageHeader(ImageFormat.Png, width, height, alpha);
    }

    private static ImageHeader ReadJpeg(ReadOnlySpan<byte> data)
    {
        var pos = 2;
        while (pos + 4 <= data.Length)
        {
            if (data[pos] != 0xFF)
            {
                pos++;
                continue;
            }

            var marker = data[pos + 1];
            if (marker == 0xFF)
            {
                pos++; // fill byte
                continue;
            }

            if (marker is 0x01 or 0xD8 or (>= 0xD0 and <= 0xD7))
            {
                pos += 2; // markers without a length
                continue;
            }

            if (marker is 0xD9 or 0xDA)
            {
                break; // end of image, or start of scan before any frame header
            }

            var segmentLength = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 2)..]);
            var isFrameHeader = marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            if (isFrameHeader && pos + 9 <= data.Length)
            {
                int height = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 5)..]);
                int width = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 7)..]);
                return new ImageHeader(ImageFormat.Jpeg, width, height, false);
            }

            pos += 2 + segmentLength;
        }

        return new ImageHeader(ImageFormat.Jpeg, 0, 0, false);
    }

    private static ImageHeader ReadWebp(ReadOnlySpan<byte> data)
    {
        if (data.Length < 30)
        {
            return new ImageHeader(ImageFormat.Webp, 0, 0, false);
        }

        var chunk = data[12..16];
        if (chunk.SequenceEqual("VP8X"u8))
        {
            var alpha = (data[20] & 0x10) != 0;
            var width = 1 + (data[24] | (data[25] << 8) | (data[26] << 16));
            var height = 1 + (data[27] | (data[28] << 8) | (data[29] << 16));
            return new ImageHeader(ImageFormat.Webp, width, height, alpha);
        }

        if (chunk.SequenceEqual("VP8L"u8) && data[20] == 0x2F)
        {
            var bits = BinaryPrimitives.ReadUInt32LittleEndian(data[21..]);
            var width = 1 + (int)(bits & 0x3FFF);
            var height = 1 + (int)((bits >> 14) & 0x3FFF);
            var alpha = ((bits >> 28) & 1) != 0;
            return new ImageHeader(ImageFormat.Webp, width, height, alpha);
        }

        if (chunk.SequenceEqual("VP8 "u8) && data[23] == 0x9D && data[24] == 0x01 && data[25] == 0x2A)
        {
            var width = BinaryPrimitives.ReadUInt16LittleEndian(data[26..]) & 0x3FFF;
            var height = BinaryPrimitives.ReadUInt16LittleEndian(data[28..]) & 0x3FFF;
            return new ImageHeader(ImageFormat.Webp, width, height, false);
        }

        return new ImageHeader(ImageFormat.Webp, 0, 0, false);
    }
}
