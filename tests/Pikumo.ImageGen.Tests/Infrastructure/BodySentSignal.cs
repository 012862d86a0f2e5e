using System.Net;

namespace Pikumo.ImageGen.Tests.Infrastructure;

/// <summary>
/// A primary handler that completes <see cref="Sent"/> once the client has written a request's whole body (after the
/// library's own content has recorded that the request went out), so a test can act on that moment without waiting
/// on real time.
/// </summary>
public sealed class BodySentSignal : DelegatingHandler
{
    public BodySentSignal()
        : base(new SocketsHttpHandler { UseProxy = false })
    {
    }

    public TaskCompletionSource Sent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } content)
        {
            request.Content = new SignallingContent(content, Sent);
        }

        return base.SendAsync(request, cancellationToken);
    }

    private sealed class SignallingContent : HttpContent
    {
        private readonly HttpContent _inner;
        private readonly TaskCompletionSource _sent;

        public SignallingContent(HttpContent inner, TaskCompletionSource sent)
        {
            _inner = inner;
            _sent = sent;
            foreach (var header in inner.Headers)
            {
                Headers.TryAddWithoutValidation(header.Key, header.Value);
            }
        }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await _inner.CopyToAsync(stream, context, cancellationToken);
            _sent.TrySetResult();
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override bool TryComputeLength(out long length)
        {
            length = _inner.Headers.ContentLength ?? -1;
            return length >= 0;
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
}
