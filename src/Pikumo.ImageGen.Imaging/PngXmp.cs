using System.Buffers.Binary;
using System.Text;

namespace Pikumo.ImageGen.Imaging;

/// <summary>Puts an XMP packet in a PNG as an uncompressed <c>iTXt</c> chunk right after <c>IHDR</c>, dropping any earlier XMP chunk.</summary>
internal static class PngXmp
{
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static bool IsPng(ReadOnlySpan<byte> data) => data.StartsWith(Signature);

    public static byte[] Embed(ReadOnlySpan<byte> png, byte[] packet)
    {
        using var output = new MemoryStream(png.Length + packet.Length + 64);
        output.Write(Signature);
        var position = Signature.Length;
        var wrote = false;
        while (position < png.Length)
        {
            if (position + 12 > png.Length)
            {
                throw new ArgumentException("The PNG is truncated: a chunk header runs past the end.", nameof(png));
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(png[position..]);
            if (length < 0 || position + 12L + length > png.Length)
            {
                throw new ArgumentException("The PNG is truncated: a chunk runs past the end.", nameof(png));
            }

            var chunk = png.Slice(position, 12 + length);
            var type = chunk.Slice(4, 4);
            position += 12 + length;
            if (type.SequenceEqual("iTXt"u8) && IsXmp(chunk.Slice(8, length)))
            {
                continue;
            }

            output.Write(chunk);
            if (!wrote && type.SequenceEqual("IHDR"u8))
            {
                WriteXmpChunk(output, packet);
                wrote = true;
            }

            if (type.SequenceEqual("IEND"u8))
            {
                break;
            }
        }

        if (!wrote)
        {
            throw new ArgumentException("The PNG has no IHDR chunk.", nameof(png));
        }

        return output.ToArray();
    }

    private static bool IsXmp(ReadOnlySpan<byte> data)
    {
        var keyword = Encoding.Latin1.GetBytes(ProvenanceMetadata.PngKeyword);
        return data.Length > keyword.Length && data.StartsWith(keyword) && data[keyword.Length] == 0;
    }

    /// <summary>iTXt: keyword, NUL, compression flag 0, method 0, empty language tag + NUL, empty translated keyword + NUL, UTF-8 text.</summary>
    private static void WriteXmpChunk(Stream output, byte[] packet)
    {
        var keyword = Encoding.Latin1.GetBytes(ProvenanceMetadata.PngKeyword);
        var data = new byte[keyword.Length + 5 + packet.Length];
        keyword.CopyTo(data, 0);
        packet.CopyTo(data, keyword.Length + 5);
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(word, data.Length);
        output.Write(word);
        output.Write("iTXt"u8);
        output.Write(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, Crc32.Compute("iTXt"u8, data));
        output.Write(word);
    }
}
