using System.Buffers.Binary;

namespace Pikumo.ImageGen.Testing.Imaging;

/// <summary>The PNG chunk layout (length, type, data, CRC) the simulator's marks read and write.</summary>
internal static class PngChunks
{
    /// <summary>The eight bytes every PNG starts with.</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Whether the bytes are a PNG whose first chunk is <c>IHDR</c>.</summary>
    public static bool StartsWithHeader(ReadOnlySpan<byte> png) =>
        png.StartsWith(Signature) && png.Length >= 33 && png.Slice(12, 4).SequenceEqual("IHDR"u8);

    /// <summary>Returns a copy of a PNG (starting with <c>IHDR</c>) with one more chunk right after <c>IHDR</c>.</summary>
    public static byte[] InsertAfterHeader(ReadOnlySpan<byte> png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        var afterHeader = Signature.Length + 12 + BinaryPrimitives.ReadInt32BigEndian(png[8..]);
        var output = new byte[png.Length + 12 + data.Length];
        png[..afterHeader].CopyTo(output);
        var chunk = output.AsSpan(afterHeader);
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        type.CopyTo(chunk[4..]);
        data.CopyTo(chunk[8..]);
        var crc = Crc32.Update(Crc32.Update(0xFFFFFFFFu, type), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(chunk[(8 + data.Length)..], crc);
        png[afterHeader..].CopyTo(output.AsSpan(afterHeader + 12 + data.Length));
        return output;
    }

    /// <summary>
    /// Walks the chunks of a PNG (whose signature the caller checked), in order, until the end or a chunk whose length
    /// runs past it (then <see cref="Malformed"/>).
    /// </summary>
    public ref struct Reader
    {
        private readonly ReadOnlySpan<byte> _png;
        private int _at;

        public Reader(ReadOnlySpan<byte> png)
        {
            _png = png;
            _at = Signature.Length;
        }

        /// <summary>The current chunk's four-letter type.</summary>
        public ReadOnlySpan<byte> Type { get; private set; }

        /// <summary>The current chunk's data.</summary>
        public ReadOnlySpan<byte> Data { get; private set; }

        /// <summary>Whether the walk stopped at a chunk whose length runs past the end.</summary>
        public bool Malformed { get; private set; }

        public bool MoveNext()
        {
            if (Malformed || _at + 12 > _png.Length)
            {
                return false;
            }

            var length = BinaryPrimitives.ReadInt32BigEndian(_png[_at..]);
            if (length < 0 || _at + 12L + length > _png.Length)
            {
                Malformed = true;
                return false;
            }

            Type = _png.Slice(_at + 4, 4);
            Data = _png.Slice(_at + 8, length);
            _at += 12 + length;
            return true;
        }
    }
}
