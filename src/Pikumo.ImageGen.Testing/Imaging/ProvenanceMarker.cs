using System.Buffers.Binary;
using System.Text;

namespace Pikumo.ImageGen.Testing.Imaging;

/// <summary>
/// A marker metadata box the simulator can put in its PNGs (<see cref="SimulatorOptions.ProvenanceMarker"/>), standing
/// in for the C2PA provenance real providers embed, so tests can prove a pipeline keeps a provider's bytes exactly.
/// It is a <c>caBX</c> chunk (the chunk C2PA uses in PNG) holding a JUMBF superbox (<c>jumb</c>) whose description box
/// (<c>jumd</c>) has the JSON content type and the label <see cref="Label"/>, followed by a <c>json</c> box.
/// It is a marker, <b>not a signed C2PA manifest</b>: it has no claim, no signature and no hard binding, and a C2PA
/// validator will not find a manifest store in it.
/// </summary>
public static class ProvenanceMarker
{
    /// <summary>The PNG chunk type.</summary>
    public const string ChunkType = "caBX";

    /// <summary>The JUMBF description box's label.</summary>
    public const string Label = "pikumo.simulator.marker";

    /// <summary>The JUMBF content type of a JSON box (<c>6A736F6E-0011-0010-8000-00AA00389B71</c>).</summary>
    private static ReadOnlySpan<byte> JsonType => [0x6A, 0x73, 0x6F, 0x6E, 0x00, 0x11, 0x00, 0x10, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    /// <summary>Returns a copy of a PNG with a marker box right after <c>IHDR</c>.</summary>
    /// <param name="png">The PNG.</param>
    /// <param name="json">The marker's JSON content.</param>
    /// <returns>The marked PNG.</returns>
    /// <exception cref="ArgumentException">The bytes are not a PNG starting with <c>IHDR</c>.</exception>
    public static byte[] Add(ReadOnlySpan<byte> png, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (!PngChunks.StartsWithHeader(png))
        {
            throw new ArgumentException("Not a PNG that starts with IHDR.", nameof(png));
        }

        return PngChunks.InsertAfterHeader(png, Encoding.ASCII.GetBytes(ChunkType), Jumbf(json));
    }

    /// <summary>Finds the marker in a PNG.</summary>
    /// <param name="png">The image.</param>
    /// <param name="json">The marker's JSON content, when found.</param>
    /// <returns>Whether a <c>caBX</c> chunk with a marker box labelled <see cref="Label"/> is there.</returns>
    public static bool TryRead(ReadOnlySpan<byte> png, out string? json)
    {
        json = null;
        if (!png.StartsWith(PngChunks.Signature))
        {
            return false;
        }

        for (var chunks = new PngChunks.Reader(png); chunks.MoveNext();)
        {
            if (chunks.Type.SequenceEqual("caBX"u8) && TryReadJumbf(chunks.Data, out json))
            {
                return true;
            }
        }

        return false;
    }

    private static byte[] Jumbf(string json)
    {
        var label = Encoding.UTF8.GetBytes(Label + "\0");
        var content = Encoding.UTF8.GetBytes(json);
        var jumd = 8 + JsonType.Length + 1 + label.Length;
        var jsonBox = 8 + content.Length;
        var box = new byte[8 + jumd + jsonBox];
        var span = box.AsSpan();
        Header(span, box.Length, "jumb"u8);
        Header(span[8..], jumd, "jumd"u8);
        JsonType.CopyTo(span[16..]);
        span[16 + JsonType.Length] = 0x03; // toggles: requestable, label present
        label.CopyTo(span[(17 + JsonType.Length)..]);
        Header(span[(8 + jumd)..], jsonBox, "json"u8);
        content.CopyTo(span[(16 + jumd)..]);
        return box;

        static void Header(Span<byte> at, int length, ReadOnlySpan<byte> type)
        {
            BinaryPrimitives.WriteInt32BigEndian(at, length);
            type.CopyTo(at[4..]);
        }
    }

    private static bool TryReadJumbf(ReadOnlySpan<byte> box, out string? json)
    {
        json = null;
        if (box.Length < 16 || !box.Slice(4, 4).SequenceEqual("jumb"u8) || !box.Slice(12, 4).SequenceEqual("jumd"u8))
        {
            return false;
        }

        var jumd = BinaryPrimitives.ReadInt32BigEndian(box[8..]);
        if (jumd < 8 + JsonType.Length + 1 || 8 + jumd + 8 > box.Length || !box.Slice(16, JsonType.Length).SequenceEqual(JsonType))
        {
            return false;
        }

        var label = box[(17 + JsonType.Length)..(8 + jumd)];
        if (!label.SequenceEqual(Encoding.UTF8.GetBytes(Label + "\0")))
        {
            return false;
        }

        var content = box[(8 + jumd)..];
        var length = BinaryPrimitives.ReadInt32BigEndian(content);
        if (!content.Slice(4, 4).SequenceEqual("json"u8) || length < 8 || length > content.Length)
        {
            return false;
        }

        json = Encoding.UTF8.GetString(content[8..length]);
        return true;
    }
}
