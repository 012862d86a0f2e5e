using System.Net;
using System.Net.Http.Headers;
using Pikumo.ImageGen.Transports;

namespace Pikumo.ImageGen.Http;

/// <summary>A small JSON body that records when it has been sent completely.</summary>
internal sealed class JsonRequestContent : HttpContent
{
    private readonly ReadOnlyMemory<byte> _json;
    private readonly ImageTransportRequest? _tracker;

    public JsonRequestContent(ReadOnlyMemory<byte> json, ImageTransportRequest? tracker)
    {
        _json = json;
        _tracker = tracker;
        Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
    }

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
        _tracker?.MarkRequestSent();
    }
}
