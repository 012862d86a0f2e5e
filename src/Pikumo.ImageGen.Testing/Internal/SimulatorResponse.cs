using System.Text;

namespace Pikumo.ImageGen.Testing.Internal;

/// <summary>How an answer ends on the wire.</summary>
internal enum ResponseEnding
{
    /// <summary>Normally.</summary>
    Complete,

    /// <summary>Abruptly after what was sent, short of the declared length or the last chunk.</summary>
    Truncate,

    /// <summary>No answer: the connection is reset.</summary>
    Reset,
}

/// <summary>An answer, before either front end puts it on the wire.</summary>
internal sealed class SimulatorResponse
{
    public int Status { get; init; } = 200;

    public string ContentType { get; init; } = "application/json";

    public List<KeyValuePair<string, string>> Headers { get; } = [];

    /// <summary>The body, or its start when <see cref="Chunks"/> follow.</summary>
    public ReadOnlyMemory<byte> Body { get; set; }

    /// <summary>More body, produced while it is sent (server-sent events, slow drips), after <see cref="Body"/>.</summary>
    public Func<CancellationToken, IAsyncEnumerable<ReadOnlyMemory<byte>>>? Chunks { get; set; }

    /// <summary>The Content-Length sent; <see langword="null"/> means the length of <see cref="Body"/> without chunks, or chunked encoding with them.</summary>
    public long? DeclaredLength { get; set; }

    public ResponseEnding Ending { get; set; }

    public static SimulatorResponse Json(int status, byte[] body) => new() { Status = status, Body = body };

    public static SimulatorResponse Text(int status, string text, string contentType = "text/plain; charset=utf-8") =>
        new() { Status = status, Body = Encoding.UTF8.GetBytes(text), ContentType = contentType };

    public static SimulatorResponse Reset() => new() { Status = 0, Ending = ResponseEnding.Reset };

    public SimulatorResponse With(string name, string value)
    {
        Headers.Add(new(name, value));
        return this;
    }

    /// <summary>The body's length when it is known up front (no chunks), or the declared length.</summary>
    public long? ContentLength => DeclaredLength ?? (Chunks is null ? Body.Length : null);
}
