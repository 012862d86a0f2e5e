using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;

namespace Pikumo.ImageGen.Testing.Internal;

/// <summary>The in-process front end: an <see cref="HttpMessageHandler"/> that hands requests to the engine without a socket.</summary>
internal sealed class SimulatorHandler : HttpMessageHandler
{
    private readonly SimulatorEngine _engine;

    public SimulatorHandler(SimulatorEngine engine)
    {
        _engine = engine;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request.RequestUri);
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in request.Headers.NonValidated)
        {
            headers[name] = string.Join(", ", values);
        }

        if (request.Content is not null)
        {
            foreach (var (name, values) in request.Content.Headers.NonValidated)
            {
                headers[name] = string.Join(", ", values);
            }
        }

        headers.TryAdd("Host", request.RequestUri.Authority);
        var answer = await _engine.HandleAsync(
            new SimulatorRequest { Method = request.Method.Method, Uri = request.RequestUri, Headers = headers, Body = body },
            cancellationToken).ConfigureAwait(false);
        if (answer.Ending == ResponseEnding.Reset)
        {
            // What SocketsHttpHandler raises when the server resets the connection after reading the request.
            throw new HttpRequestException(
                HttpRequestError.Unknown,
                "An error occurred while sending the request.",
                new IOException("Unable to read data from the transport connection: Connection reset by peer.", new SocketException((int)SocketError.ConnectionReset)));
        }

        HttpContent content = answer.Chunks is null && answer.Ending == ResponseEnding.Complete
            ? new ReadOnlyMemoryContent(answer.Body)
            : new StreamContent(new ResponseBodyStream(answer));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(answer.ContentType);
        content.Headers.ContentLength = answer.ContentLength;
        var response = new HttpResponseMessage((HttpStatusCode)answer.Status)
        {
            RequestMessage = request,
            Version = HttpVersion.Version11,
            Content = content,
        };
        foreach (var (name, value) in answer.Headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }
}
