using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Pikumo.ImageGen.Testing.Internal;

/// <summary>
/// One HTTP/1.1 connection of the loopback server: reads requests (Content-Length or chunked bodies,
/// <c>Expect: 100-continue</c>, keep-alive), notices when the client hangs up mid-call, and writes answers
/// (Content-Length or chunked; cut short or reset when a fault says so).
/// </summary>
internal sealed class HttpConnection
{
    private const int MaxHeaderBytes = 64 * 1024;

    private readonly TcpClient _client;
    private readonly NetworkStream _stream;
    private readonly Uri _origin;
    private readonly long _maxBody;
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;
    private Task<int>? _pendingRead;

    public HttpConnection(TcpClient client, Uri origin, long maxBody)
    {
        _client = client;
        _client.NoDelay = true;
        _stream = client.GetStream();
        _origin = origin;
        _maxBody = maxBody;
    }

    /// <summary>Serves requests until the client closes the connection, asks to, or the server stops.</summary>
    public async Task ServeAsync(SimulatorEngine engine, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var (request, keepAlive, problem) = await ReadRequestAsync(stopping).ConfigureAwait(false);
            if (problem is not null)
            {
                await WriteAsync(problem, keepAlive: false, stopping).ConfigureAwait(false);
                return;
            }

            if (request is null)
            {
                return;
            }

            using var call = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            WatchForHangUp(call);
            SimulatorResponse response;
            try
            {
                response = await engine.HandleAsync(request, call.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return; // the client gave up (or the server stops): nothing to answer
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // A bug in the simulator: say so on the wire rather than drop the connection silently.
                response = SimulatorResponse.Text(500, $"The simulator failed: {ex}");
                keepAlive = false;
            }

            if (response.Ending == ResponseEnding.Reset)
            {
                _client.Client.LingerState = new LingerOption(enable: true, seconds: 0);
                _client.Client.Close(); // RST
                return;
            }

            await WriteAsync(response, keepAlive, call.Token).ConfigureAwait(false);
            if (!keepAlive || response.Ending == ResponseEnding.Truncate)
            {
                return;
            }
        }
    }

    /// <summary>Reads while a call runs: end of stream means the client hung up, so the call is cancelled.</summary>
    private void WatchForHangUp(CancellationTokenSource call)
    {
        if (_pendingRead is null)
        {
            Compact();
            _pendingRead = _stream.ReadAsync(_buffer.AsMemory(_end)).AsTask();
        }

        _ = _pendingRead.ContinueWith(
            static (read, state) =>
            {
                if (read.IsFaulted || read.IsCanceled || read.Result == 0)
                {
                    try
                    {
                        ((CancellationTokenSource)state!).Cancel();
                    }
                    catch (ObjectDisposedException)
                    {
                        // The call had already finished.
                    }
                }
            },
            call,
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    private async Task<(SimulatorRequest? Request, bool KeepAlive, SimulatorResponse? Problem)> ReadRequestAsync(CancellationToken cancellationToken)
    {
        int headerEnd;
        while ((headerEnd = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n\r\n"u8)) < 0)
        {
            if (_end - _start > MaxHeaderBytes)
            {
                return (null, false, SimulatorResponse.Text(431, "Request header fields too large"));
            }

            if (await FillAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                return (null, false, null);
            }
        }

        var head = Encoding.ASCII.GetString(_buffer, _start, headerEnd).Split("\r\n");
        _start += headerEnd + 4;
        var requestLine = head[0].Split(' ');
        if (requestLine.Length != 3 || !requestLine[2].StartsWith("HTTP/1.", StringComparison.Ordinal))
        {
            return (null, false, SimulatorResponse.Text(400, "Bad request line"));
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in head.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return (null, false, SimulatorResponse.Text(400, "Bad header line"));
            }

            var name = line[..colon].Trim();
            var value = line[(colon + 1)..].Trim();
            headers[name] = headers.TryGetValue(name, out var earlier) ? $"{earlier}, {value}" : value;
        }

        var keepAlive = requestLine[2] == "HTTP/1.1"
            ? !HasToken(headers, "Connection", "close")
            : HasToken(headers, "Connection", "keep-alive");
        if (HasToken(headers, "Expect", "100-continue"))
        {
            await _stream.WriteAsync("HTTP/1.1 100 Continue\r\n\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        }

        byte[]? body;
        if (HasToken(headers, "Transfer-Encoding", "chunked"))
        {
            body = await ReadChunkedAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (headers.TryGetValue("Content-Length", out var text))
        {
            if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                return (null, false, SimulatorResponse.Text(400, "Bad Content-Length"));
            }

            body = length > _maxBody ? null : await ReadExactlyAsync((int)length, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            body = [];
        }

        if (body is null)
        {
            return (null, false, SimulatorResponse.Text(413, "Request body too large for the simulator (SimulatorOptions.MaxRequestBodyBytes)"));
        }

        var target = requestLine[1];
        var uri = Uri.TryCreate(target, UriKind.Absolute, out var absolute) && absolute.Scheme.StartsWith("http", StringComparison.Ordinal) ? absolute : new Uri(_origin, target);
        return (new SimulatorRequest { Method = requestLine[0], Uri = uri, Headers = headers, Body = body }, keepAlive, null);
    }

    private async Task<byte[]?> ReadChunkedAsync(CancellationToken cancellationToken)
    {
        using var body = new MemoryStream();
        while (true)
        {
            var line = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            var semicolon = line.IndexOf(';', StringComparison.Ordinal);
            var size = long.Parse(semicolon < 0 ? line : line[..semicolon], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                while ((await ReadLineAsync(cancellationToken).ConfigureAwait(false)).Length > 0)
                {
                    // trailers are ignored
                }

                return body.ToArray();
            }

            if (body.Length + size > _maxBody)
            {
                return null;
            }

            body.Write(await ReadExactlyAsync((int)size, cancellationToken).ConfigureAwait(false));
            await ReadLineAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        int end;
        while ((end = _buffer.AsSpan(_start, _end - _start).IndexOf("\r\n"u8)) < 0)
        {
            if (await FillAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new IOException("The connection closed inside a chunked body.");
            }
        }

        var line = Encoding.ASCII.GetString(_buffer, _start, end);
        _start += end + 2;
        return line;
    }

    private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
    {
        var result = new byte[count];
        var copied = 0;
        while (copied < count)
        {
            if (_start == _end && await FillAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new IOException("The connection closed inside a request body.");
            }

            var take = Math.Min(count - copied, _end - _start);
            _buffer.AsSpan(_start, take).CopyTo(result.AsSpan(copied));
            _start += take;
            copied += take;
        }

        return result;
    }

    /// <summary>Reads more bytes into the buffer (taking over a hang-up watch's read if one is pending).</summary>
    private async Task<int> FillAsync(CancellationToken cancellationToken)
    {
        if (_pendingRead is null)
        {
            Compact();
            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2);
            }

            _pendingRead = _stream.ReadAsync(_buffer.AsMemory(_end), cancellationToken).AsTask();
        }

        try
        {
            var read = await _pendingRead.WaitAsync(cancellationToken).ConfigureAwait(false);
            _end += read;
            return read;
        }
        finally
        {
            if (_pendingRead.IsCompleted)
            {
                _pendingRead = null;
            }
        }
    }

    private void Compact()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
    }

    private async Task WriteAsync(SimulatorResponse response, bool keepAlive, CancellationToken cancellationToken)
    {
        var chunked = response.ContentLength is null;
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {response.Status} {Reason(response.Status)}\r\n")
            .Append("Content-Type: ").Append(response.ContentType).Append("\r\n")
            .Append(chunked ? "Transfer-Encoding: chunked" : string.Create(CultureInfo.InvariantCulture, $"Content-Length: {response.ContentLength}")).Append("\r\n")
            .Append("Connection: ").Append(keepAlive && response.Ending == ResponseEnding.Complete ? "keep-alive" : "close").Append("\r\n");
        foreach (var (name, value) in response.Headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        try
        {
            await _stream.WriteAsync(Encoding.ASCII.GetBytes(head.Append("\r\n").ToString()), cancellationToken).ConfigureAwait(false);
            await WriteBodyAsync(response.Body, chunked, cancellationToken).ConfigureAwait(false);
            if (response.Chunks is not null)
            {
                await foreach (var chunk in response.Chunks(cancellationToken).ConfigureAwait(false))
                {
                    await WriteBodyAsync(chunk, chunked, cancellationToken).ConfigureAwait(false);
                    await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            if (chunked && response.Ending == ResponseEnding.Complete)
            {
                await _stream.WriteAsync("0\r\n\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
            }

            await _stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away while the answer was written.
        }

        if (response.Ending == ResponseEnding.Truncate)
        {
            _client.Client.Shutdown(SocketShutdown.Send);
        }
    }

    private async Task WriteBodyAsync(ReadOnlyMemory<byte> data, bool chunked, CancellationToken cancellationToken)
    {
        if (data.IsEmpty)
        {
            return;
        }

        if (chunked)
        {
            await _stream.WriteAsync(Encoding.ASCII.GetBytes(data.Length.ToString("x", CultureInfo.InvariantCulture) + "\r\n"), cancellationToken).ConfigureAwait(false);
        }

        await _stream.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        if (chunked)
        {
            await _stream.WriteAsync("\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
        }
    }

    private static bool HasToken(Dictionary<string, string> headers, string name, string token) =>
        headers.TryGetValue(name, out var value) && value.Split(',').Any(v => v.Trim().Equals(token, StringComparison.OrdinalIgnoreCase));

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        202 => "Accepted",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        413 => "Payload Too Large",
        422 => "Unprocessable Entity",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status",
    };
}
