using System.Buffers.Binary;
using System.Text;

namespace Pikumo.ImageGen.Imaging;

/// <summary>Puts an XMP packet in a JPEG as an APP1 segment after the leading APP0 (JFIF) and Exif APP1 segments, dropping any earlier XMP segment.</summary>
internal static class JpegXmp
{
    /// <summary>The largest packet one APP1 segment holds: 65,535 minus the length field and the 29-byte header.</summary>
    private const int MaxPacket = 65535 - 2 - 29;

    public static bool IsJpeg(ReadOnlySpan<byte> data) => data.Length > 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF;

    public static byte[] Embed(ReadOnlySpan<byte> jpeg, byte[] packet)
    {
        if (packet.Length > MaxPacket)
        {
            throw new NotSupportedException($"The XMP packet is {packet.Length} bytes; one JPEG APP1 segment holds at most {MaxPacket} (extended XMP is not written).");
        }

        var header = Encoding.ASCII.GetBytes(ProvenanceMetadata.JpegHeader + "\0");
        using var output = new MemoryStream(jpeg.Length + packet.Length + 64);
        output.Write(jpeg[..2]);
        var position = 2;
        var wrote = false;
        while (true)
        {
            if (position + 4 > jpeg.Length || jpeg[position] != 0xFF)
            {
                throw new ArgumentException("The JPEG is malformed: a marker was expected.", nameof(jpeg));
            }

            var marker = jpeg[position + 1];
            if (marker is 0xDA or 0xD9)
            {
                // Start of scan (or end of image): everything after is copied as is.
                if (!wrote)
                {
                    WriteSegment(output, header, packet);
                }

                output.Write(jpeg[position..]);
                return output.ToArray();
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(position + 2)..]);
            if (length < 2 || position + 2 + length > jpeg.Length)
            {
                throw new ArgumentException("The JPEG is truncated: a segment runs past the end.", nameof(jpeg));
            }

            var segment = jpeg.Slice(position, 2 + length);
            var body = segment[4..];
            position += 2 + length;
            var leading = marker == 0xE0 || (marker == 0xE1 && body.StartsWith("Exif\0"u8));
            if (!wrote && !leading)
            {
                WriteSegment(output, header, packet);
                wrote = true;
            }

            if (marker == 0xE1 && body.StartsWith(header))
            {
                continue;
            }

            output.Write(segment);
        }
    }

    private static void WriteSegment(Stream output, byte[] header, byte[] packet)
    {
        Span<byte> prefix = stackalloc byte[4];
        prefix[0] = 0xFF;
        prefix[1] = 0xE1;
        BinaryPrimitives.WriteUInt16BigEndian(prefix[2..], (ushort)(2 + header.Length + packet.Length));
        output.Write(prefix);
        output.Write(header);
        output.Write(packet);
    }
}
