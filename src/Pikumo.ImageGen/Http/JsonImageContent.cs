using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Pikumo.ImageGen.Http;

/// <summary>
/// A JSON body whose inline reference images are base64-encoded while the body is written (fal's <c>data:</c> URIs,
/// Gemini's <c>inlineData</c> parts), from their source through one pooled buffer: a 10 MB reference is never held as
/// a 13 MB string.
/// </summary>
internal sealed class JsonImageContent : HttpContent, IRaisesSentSignal
{
    // A multiple of 3, so every full chunk encodes without padding.
    private const int ChunkBytes = 3 * 16 * 1024;

    private readonly List<object> _segments = [];

    public JsonImageContent()
    {
        Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
    }

    public void AddRaw(ReadOnlySpan<byte> json) => _segments.Add(json.ToArray());

    public void AddRaw(string json) => _segments.Add(Encoding.UTF8.GetBytes(json));

    /// <summary>Adds a JSON string holding a <c>data:</c> URI of the image.</summary>
    public void AddDataUri(PreparedImage image)
    {
        _segments.Add(Encoding.ASCII.GetBytes($"\"data:{image.MediaType};base64,"));
        _segments.Add(image);
        _segments.Add("\""u8.ToArray());
    }

    /// <summary>Adds a JSON string holding the image's bytes in base64 (no <c>data:</c> prefix).</summary>
    public void AddBase64String(PreparedImage image)
    {
        _segments.Add("\""u8.ToArray());
        _segments.Add(image);
        _segments.Add("\""u8.ToArray());
    }

    /// <inheritdoc />
    public SentSignal? Signal { get; set; }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        foreach (var segment in _segments)
        {
            if (segment is byte[] bytes)
            {
                length += bytes.Length;
            }
            else if (((PreparedImage)segment).Length is { } size)
            {
                length += (size + 2) / 3 * 4;
            }
            else
            {
                length = 0;
                return false;
            }
        }

        return true;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        foreach (var segment in _segments)
        {
            if (segment is byte[] bytes)
            {
                await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await WriteBase64Async((PreparedImage)segment, stream, cancellationToken).ConfigureAwait(false);
            }
        }

        Signal?.Raise();
    }

    private static async Task WriteBase64Async(PreparedImage image, Stream destination, CancellationToken cancellationToken)
    {
        var input = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        var output = ArrayPool<byte>.Shared.Rent(Base64.GetMaxEncodedToUtf8Length(ChunkBytes));
        try
        {
            var source = await image.OpenReadAsync(cancellationToken).ConfigureAwait(false);
            await using (source.ConfigureAwait(false))
            {
                while (true)
                {
                    var read = await source.ReadAtLeastAsync(input.AsMemory(0, ChunkBytes), ChunkBytes, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        break;
                    }

                    Base64.EncodeToUtf8(input.AsSpan(0, read), output, out _, out var written, isFinalBlock: read < ChunkBytes);
                    await destination.WriteAsync(output.AsMemory(0, written), cancellationToken).ConfigureAwait(false);
                    if (read < ChunkBytes)
                    {
                        break;
                    }
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(input, clearArray: true);
            ArrayPool<byte>.Shared.Return(output, clearArray: true);
        }
    }
}
