using System.Net.Sockets;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Pikumo.ImageGen.Testing.Internal;

/// <summary>
/// The loopback front end: hands a Kestrel request to the engine and puts its answer on the wire. Kestrel frames it
/// (Content-Length when the length is known, chunked otherwise); a truncated answer ends the connection after what was
/// flushed (FIN), a reset closes the connection's socket with a zero linger (RST). A client that hangs up cancels the engine's call through <see cref="HttpContext.RequestAborted"/>.
/// </summary>
internal sealed class KestrelFrontEnd(SimulatorEngine engine, Uri origin)
{
    public async Task HandleAsync(HttpContext context)
    {
        var aborted = context.RequestAborted;
        var request = await ReadRequestAsync(context, aborted).ConfigureAwait(false);
        if (request is null)
        {
            return;
        }

        SimulatorResponse response;
        try
        {
            response = await engine.HandleAsync(request, aborted).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            return; // the client gave up (or the server stops): nothing to answer
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A bug in the simulator: say so on the wire rather than drop the connection silently.
            response = SimulatorResponse.Text(500, $"The simulator failed: {ex}").With("Connection", "close");
        }

        if (response.Ending == ResponseEnding.Reset)
        {
            Reset(context);
            return;
        }

        try
        {
            await WriteAsync(context, response, aborted).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            return; // the client went away while the answer was written
        }

        if (response.Ending == ResponseEnding.Truncate)
        {
            // An application error after the response started makes Kestrel end the connection once what was flushed is
            // sent (a FIN short of the declared length, or without the last chunk). HttpContext.Abort() would drop the
            // bytes still in its output pipe and could answer with an RST instead.
            throw new IOException("The simulator cut this answer short (SimulatedFault.TruncatedBody).");
        }
    }

    private async Task<SimulatorRequest?> ReadRequestAsync(HttpContext context, CancellationToken cancellationToken)
    {
        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            context.Response.ContentType = "text/plain; charset=utf-8";
            context.Response.Headers.Connection = "close";
            await context.Response.WriteAsync("Request body too large for the simulator (SimulatorOptions.MaxRequestBodyBytes)", CancellationToken.None).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or BadHttpRequestException)
        {
            return null; // the client went away or sent a broken body: Kestrel ends the connection
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, values) in context.Request.Headers)
        {
            headers[name] = string.Join(", ", values.ToArray());
        }

        // The request target as sent (path and query, escapes kept), on the address the server hands out.
        var target = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var uri = Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal) ? absolute : new Uri(origin, target);
        return new SimulatorRequest { Method = context.Request.Method, Uri = uri, Headers = headers, Body = body };
    }

    private static async Task WriteAsync(HttpContext context, SimulatorResponse response, CancellationToken cancellationToken)
    {
        var http = context.Response;
        http.StatusCode = response.Status;
        http.ContentType = response.ContentType;
        http.ContentLength = response.ContentLength;
        foreach (var (name, value) in response.Headers)
        {
            http.Headers.Append(name, value);
        }

        if (response.Ending != ResponseEnding.Complete)
        {
            http.Headers.Connection = "close";
        }

        var body = context.Features.GetRequiredFeature<IHttpResponseBodyFeature>();
        await body.StartAsync(cancellationToken).ConfigureAwait(false);
        if (!response.Body.IsEmpty)
        {
            await body.Writer.WriteAsync(response.Body, cancellationToken).ConfigureAwait(false);
        }

        if (response.Chunks is not null)
        {
            await foreach (var chunk in response.Chunks(cancellationToken).ConfigureAwait(false))
            {
                await body.Writer.WriteAsync(chunk, cancellationToken).ConfigureAwait(false); // flushed: one event or drip at a time
            }
        }

        if (response.Ending == ResponseEnding.Complete)
        {
            await body.CompleteAsync().ConfigureAwait(false);
        }
        else
        {
            await body.Writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>An RST instead of an answer: the socket closes with a zero linger before Kestrel can end it gracefully.</summary>
    private static void Reset(HttpContext context)
    {
        var socket = context.Features.Get<IConnectionSocketFeature>()?.Socket;
        if (socket is not null)
        {
            socket.LingerState = new LingerOption(enable: true, seconds: 0);
            socket.Close();
        }

        context.Abort();
    }
}
