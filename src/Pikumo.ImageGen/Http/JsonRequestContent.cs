using System.Net;
using System.Net.Http.Headers;

namespace Pikumo.ImageGen.Http;

/// <summary>A small JSON body that records when it has been sent completely.</summary>
internal sealed class JsonRequestContent : HttpContent, IRaisesSentSignal
{
    private readonly ReadOnlyMemory<byte> _json;

    public JsonRequestContent(ReadOnlyMemory<byte> json)
    {
        _json = json;
        Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
    }

    /// <inheritdoc />
    public SentSignal? Signal { get; set; }

    protected override bool TryComputeLength(out long length)
    {
        length = _json.Length;
        return true;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await stream.WriteAsync(_json, cancellationToken).ConfigureAwait(false);
        Signal?.Raise();
    }
}
