using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Pikumo.ImageGen.Http;

/// <summary>
/// A <c>multipart/form-data</c> body that copies image parts from their source while it is written, through
/// one pooled buffer, so a 50 MB reference never sits whole in memory. Its length is computed up front when
/// every part's length is known (files, bytes, seekable streams), otherwise it is sent chunked. It can be
/// written again for a retry unless a part is a non-seekable stream.
/// </summary>
internal sealed class MultipartFormContent : HttpContent, IRaisesSentSignal
{
    private const int CopyBufferSize = 81_920;
    private static readonly byte[] CrLf = "\r\n"u8.ToArray();

    private readonly List<Part> _parts = [];
    private readonly byte[] _closing;

    public MultipartFormContent()
    {
        Boundary = "pikumo-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
        _closing = Encoding.ASCII.GetBytes($"--{Boundary}--\r\n");
        var contentType = new MediaTypeHeaderValue("multipart/form-data");
        contentType.Parameters.Add(new NameValueHeaderValue("boundary", Boundary));
        Headers.ContentType = contentType;
    }

    /// <inheritdoc />
    public SentSignal? Signal { get; set; }

    public string Boundary { get; }

    /// <summary>Whether every part can be read again (no one-shot stream was sent).</summary>
    public bool IsReplayable => _parts.TrueForAll(p => p.Image is null || p.Image.CanReopen);

    public void AddField(string name, string value) =>
        _parts.Add(new Part(Header(name, fileName: null, contentType: null), Encoding.UTF8.GetBytes(value), null));

    public void AddImage(string name, PreparedImage image) =>
        _parts.Add(new Part(Header(name, image.FileName, image.MediaType), null, image));

    protected override bool TryComputeLength(out long length)
    {
        length = _closing.Length;
        foreach (var part in _parts)
        {
            var body = part.Value?.Length ?? part.Image!.Length;
            if (body is null)
            {
                length = 0;
                return false;
            }

            length += part.Header.Length + body.Value + CrLf.Length;
        }

        return true;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        byte[]? buffer = null;
        try
        {
            foreach (var part in _parts)
            {
                await stream.WriteAsync(part.Header, cancellationToken).ConfigureAwait(false);
                if (part.Value is not null)
                {
                    await stream.WriteAsync(part.Value, cancellationToken).ConfigureAwait(false);
                }
                else if (part.Image!.Source.Kind == ImageInputKind.Bytes)
                {
                    // In-memory bytes go out in one write from the caller's memory, not 80 KB at a time through the buffer.
                    await stream.WriteAsync(part.Image.Source.Bytes, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    buffer ??= ArrayPool<byte>.Shared.Rent(CopyBufferSize);
                    await CopyImageAsync(part.Image!, stream, buffer, cancellationToken).ConfigureAwait(false);
                }

                await stream.WriteAsync(CrLf, cancellationToken).ConfigureAwait(false);
            }

            await stream.WriteAsync(_closing, cancellationToken).ConfigureAwait(false);
            await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
            Signal?.Raise();
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
            }
        }
    }

    private static async Task CopyImageAsync(PreparedImage image, Stream destination, byte[] buffer, CancellationToken cancellationToken)
    {
        var source = await image.OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (source.ConfigureAwait(false))
        {
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private byte[] Header(string name, string? fileName, string? contentType)
    {
        var builder = new StringBuilder(128)
            .Append("--").Append(Boundary).Append("\r\n")
            .Append("Content-Disposition: form-data; name=\"").Append(name).Append('"');
        if (fileName is not null)
        {
            builder.Append("; filename=\"").Append(fileName).Append('"');
        }

        builder.Append("\r\n");
        if (contentType is not null)
        {
            builder.Append("Content-Type: ").Append(contentType).Append("\r\n");
        }

        return Encoding.UTF8.GetBytes(builder.Append("\r\n").ToString());
    }

    private sealed record Part(byte[] Header, byte[]? Value, PreparedImage? Image);
}
