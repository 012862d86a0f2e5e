using System.Buffers;
using System.Buffers.Text;

namespace Pikumo.ImageGen.Http;

/// <summary>
/// Decodes base64 that arrives in slices of any length: whole 4-character blocks are decoded as they come, the last
/// 1–4 characters are held back (they may carry the padding) until <see cref="Finish"/>.
/// </summary>
internal sealed class Base64Slices
{
    private readonly byte[] _carry = new byte[4];
    private int _carried;

    /// <summary>The most bytes <paramref name="characters"/> more characters can decode to (with the held-back ones).</summary>
    public static int MaxDecoded(int characters) => ((characters + 4) / 4 * 3) + 3;

    /// <summary>Decodes what it can of <paramref name="text"/> into <paramref name="output"/>; returns the bytes written.</summary>
    /// <exception cref="InvalidDataException">Not base64.</exception>
    public int Feed(ReadOnlySpan<byte> text, Span<byte> output)
    {
        var written = 0;
        if (_carried > 0)
        {
            var take = Math.Min(4 - _carried, text.Length);
            text[..take].CopyTo(_carry.AsSpan(_carried));
            _carried += take;
            text = text[take..];
            if (text.IsEmpty)
            {
                return 0;   // the held-back block may be the last one
            }

            written += Decode(_carry, output, final: false);
            _carried = 0;
        }

        if (text.IsEmpty)
        {
            return written;
        }

        var keep = text.Length % 4 == 0 ? 4 : text.Length % 4;
        written += Decode(text[..^keep], output[written..], final: false);
        text[^keep..].CopyTo(_carry);
        _carried = keep;
        return written;
    }

    /// <summary>Decodes the held-back characters (the end of the value) and resets; returns the bytes written.</summary>
    /// <exception cref="InvalidDataException">Not base64, or cut short.</exception>
    public int Finish(Span<byte> output)
    {
        var written = Decode(_carry.AsSpan(0, _carried), output, final: true);
        _carried = 0;
        return written;
    }

    private static int Decode(ReadOnlySpan<byte> text, Span<byte> output, bool final)
    {
        if (text.IsEmpty)
        {
            return 0;
        }

        var status = Base64.DecodeFromUtf8(text, output, out var consumed, out var written, isFinalBlock: final);
        return status == OperationStatus.Done && consumed == text.Length
            ? written
            : throw new InvalidDataException("b64_json is not valid base64.");
    }
}
