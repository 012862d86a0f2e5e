namespace Pikumo.ImageGen.Http;

/// <summary>
/// Finds the <c>data[i].b64_json</c> strings of an images answer in a byte stream without holding it: it follows the
/// JSON structure (objects, arrays, keys, strings with escapes) byte by byte and stops at the opening quote of each
/// image's base64, whose characters the caller then decodes as they arrive (<see cref="ScanBase64"/>). Everything
/// else is small and is handed back to be parsed whole.
/// </summary>
internal sealed class ImagesJsonScanner
{
    private const int MaxDepth = 64;
    private readonly byte[] _stack = new byte[MaxDepth];
    private readonly byte[] _key = new byte[16];
    private int _depth;
    private bool _dataArray;
    private bool _expectKey;
    private bool _inString;
    private bool _stringIsKey;
    private bool _escape;
    private int _keyLength;
    private Key _lastKey;

    private enum Key
    {
        Other,
        Data,
        B64Json,
    }

    /// <summary>Whether the document ended where JSON may end (not inside a string or a container).</summary>
    public bool Complete => _depth == 0 && !_inString;

    /// <summary>
    /// Follows the structure through <paramref name="json"/>; returns how many bytes it consumed, which is all of them
    /// unless it stopped right after the opening quote of an image's base64 (<paramref name="image"/>).
    /// </summary>
    /// <exception cref="InvalidDataException">Nested deeper than JSON answers are.</exception>
    public int ScanStructure(ReadOnlySpan<byte> json, out bool image)
    {
        image = false;
        for (var i = 0; i < json.Length; i++)
        {
            var b = json[i];
            if (_inString)
            {
                if (_escape)
                {
                    _escape = false;
                    AppendKey(b);
                    continue;
                }

                if (!_stringIsKey)
                {
                    var next = json[i..].IndexOfAny((byte)'"', (byte)'\\');
                    if (next < 0)
                    {
                        return json.Length;
                    }

                    i += next;
                    b = json[i];
                }

                if (b == '\\')
                {
                    _escape = true;
                }
                else if (b == '"')
                {
                    _inString = false;
                    if (_stringIsKey)
                    {
                        _lastKey = _key.AsSpan(0, _keyLength).SequenceEqual("data"u8) ? Key.Data
                            : _key.AsSpan(0, _keyLength).SequenceEqual("b64_json"u8) ? Key.B64Json
                            : Key.Other;
                        _expectKey = false;
                    }
                }
                else
                {
                    AppendKey(b);
                }

                continue;
            }

            switch (b)
            {
                case (byte)'{':
                    Push(b);
                    _expectKey = true;
                    break;
                case (byte)'[':
                    Push(b);
                    _dataArray |= _depth == 2 && _stack[0] == '{' && _lastKey == Key.Data;
                    _expectKey = false;
                    break;
                case (byte)'}' or (byte)']':
                    _depth = _depth > 0 ? _depth - 1 : throw new InvalidDataException("The response is not valid JSON: a container closes that was never opened.");
                    _dataArray &= _depth >= 2;
                    _expectKey = false;
                    break;
                case (byte)',':
                    _expectKey = _depth > 0 && _stack[_depth - 1] == '{';
                    break;
                case (byte)':':
                    _expectKey = false;
                    break;
                case (byte)'"':
                    _inString = true;
                    _escape = false;
                    _stringIsKey = _expectKey;
                    _keyLength = 0;
                    if (!_stringIsKey && _depth == 3 && _dataArray && _stack[2] == '{' && _lastKey == Key.B64Json)
                    {
                        image = true;
                        return i + 1;
                    }

                    break;
            }
        }

        return json.Length;
    }

    /// <summary>
    /// Decodes the characters of an image's base64 (JSON's <c>\/</c> unescaped) into <paramref name="output"/> from
    /// <paramref name="written"/> on, until its closing quote, which it leaves for <see cref="ScanStructure"/>; returns
    /// the bytes consumed. <paramref name="output"/> must hold <see cref="Base64Slices.MaxDecoded"/> of the input's length.
    /// </summary>
    /// <exception cref="InvalidDataException">Not base64, or an escape other than <c>\/</c>.</exception>
    public int ScanBase64(ReadOnlySpan<byte> json, Base64Slices decoder, Span<byte> output, ref int written, out bool ended)
    {
        ended = false;
        var i = 0;
        while (i < json.Length)
        {
            if (_escape)
            {
                _escape = json[i] == '/' ? false : throw new InvalidDataException("b64_json is not valid base64 (an escaped character).");
                written += decoder.Feed("/"u8, output[written..]);
                i++;
                continue;
            }

            var rest = json[i..];
            var next = rest.IndexOfAny((byte)'"', (byte)'\\');
            var run = next < 0 ? rest : rest[..next];
            if (!run.IsEmpty)
            {
                written += decoder.Feed(run, output[written..]);
            }

            i += run.Length;
            if (next < 0)
            {
                break;
            }

            if (rest[next] == '"')
            {
                ended = true;   // the quote closes the string in ScanStructure
                return i;
            }

            _escape = true;
            i++;
        }

        return i;
    }

    private void Push(byte container)
    {
        if (_depth == MaxDepth)
        {
            throw new InvalidDataException($"The response nests deeper than {MaxDepth} levels.");
        }

        _stack[_depth++] = container;
    }

    private void AppendKey(byte b)
    {
        if (_stringIsKey && _keyLength < _key.Length)
        {
            _key[_keyLength++] = b;
        }
        else if (_stringIsKey)
        {
            _keyLength = _key.Length;   // longer than any key looked for
            _key[0] = 0;
        }
    }
}
