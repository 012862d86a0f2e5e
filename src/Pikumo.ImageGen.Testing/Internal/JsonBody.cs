using System.Buffers;
using System.Text.Json;

namespace Pikumo.ImageGen.Testing.Internal;

/// <summary>Writes JSON bodies without reflection (the package is AOT-compatible).</summary>
internal static class JsonBody
{
    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A JSON object written by <paramref name="members"/>.</summary>
    public static byte[] Object(Action<Utf8JsonWriter> members) => Write(w =>
    {
        w.WriteStartObject();
        members(w);
        w.WriteEndObject();
    });

    public static void StringOrNull(this Utf8JsonWriter writer, string name, string? value)
    {
        if (value is null)
        {
            writer.WriteNull(name);
        }
        else
        {
            writer.WriteString(name, value);
        }
    }
}
