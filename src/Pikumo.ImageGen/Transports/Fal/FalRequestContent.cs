using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

using Pikumo.ImageGen.Http;

namespace Pikumo.ImageGen.Transports.Fal;

/// <summary>
/// A fal JSON body whose inline reference images are base64-encoded as <c>data:</c> URIs while the body is
/// written, from their source through one pooled buffer: a 10 MB reference is never held as a 13 MB string.
/// </summary>
internal sealed class FalRequestContent : HttpContent, IRaisesSentSignal
{
    // A multiple of 3, so every full chunk encodes without padding.
    private const int ChunkBytes = 3 * 16 * 1024;

    private readonly List<object> _segments = [];

    public FalRequestContent()
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
            ArrayPool<byte>.Shared.Return(input);
            ArrayPool<byte>.Shared.Return(output);
        }
    }
}
