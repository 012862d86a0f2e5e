using System.Net;

namespace Pikumo.ImageGen.Http;

/// <summary>Wraps a body the library did not write (a host transport's own content) so it raises the call's <see cref="SentSignal"/> once written.</summary>
internal sealed class SentSignalContent : HttpContent
{
    private readonly HttpContent _inner;
    private readonly SentSignal _signal;

    public SentSignalContent(HttpContent inner, SentSignal signal)
    {
        _inner = inner;
        _signal = signal;
        foreach (var header in inner.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = _inner.Headers.ContentLength ?? 0;
        return _inner.Headers.ContentLength is not null;
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        await _inner.CopyToAsync(stream, context, cancellationToken).ConfigureAwait(false);
        _signal.Raise();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
