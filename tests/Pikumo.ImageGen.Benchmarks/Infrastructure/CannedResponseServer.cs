using System.Buffers.Text;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;

namespace Pikumo.ImageGen.Benchmarks.Infrastructure;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 that reads each request's head, drains its body (Content-Length or
/// chunked) without keeping it, and answers with one prebuilt byte array (status line, headers and body), on a
/// kept-alive connection. Steady state allocates nothing, so what a benchmark's memory diagnoser counts (it sees
/// the whole process) is the client's work. An optional delay stands in for the provider's processing time.
/// </summary>
internal sealed class CannedResponseServer : IAsyncDisposable
{
    private const int BufferSize = 64 * 1024;

    private readonly Socket _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly byte[] _response;
    private readonly TimeSpan _delay;
    private readonly Task _accepting;
    private readonly List<Socket> _connections = [];
    private long _requests;
    private long _bodyBytes;

    private CannedResponseServer(byte[] response, TimeSpan delay)
    {
        _response = response;
        _delay = delay;
        _listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        _listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _listener.Listen(1024);
        Port = ((IPEndPoint)_listener.LocalEndPoint!).Port;
        BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/v1/"));
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    /// <summary>The OpenAI-style base address, <c>http://127.0.0.1:PORT/v1/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>Requests answered so far.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Request body bytes drained so far (after chunk framing is removed).</summary>
    public long BodyBytes => Interlocked.Read(ref _bodyBytes);

    /// <summary>Starts a server answering every request with <paramref name="body"/> as <c>200 OK</c>.</summary>
    public static CannedResponseServer Start(ReadOnlySpan<byte> body, string contentType = "application/json", TimeSpan delay = default)
    {
        var head = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"HTTP/1.1 200 OK\r\nContent-Type: {contentType}\r\nContent-Length: {body.Length}\r\nx-request-id: req_loopback\r\nopenai-processing-ms: 1\r\n\r\n"));
        var response = new byte[head.Length + body.Length];
        head.CopyTo(response, 0);
        body.CopyTo(response.AsSpan(head.Length));
        return new CannedResponseServer(response, delay);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Dispose();
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }
        }

        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptAsync(_stopping.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            socket.NoDelay = true;
            lock (_connections)
            {
                _connections.Add(socket);
            }

            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        await Task.Yield();
        var reader = new Reader(socket, _stopping.Token);
        try
        {
            while (true)
            {
                // Request line and headers.
                int headEnd;
                while ((headEnd = reader.Buffered.IndexOf("\r\n\r\n"u8)) < 0)
                {
                    if (!await reader.FillAsync())
                    {
                        return; // the client closed the connection between requests
                    }
                }

                var (length, chunked) = ParseHead(reader.Buffered[..headEnd]);
                reader.Consume(headEnd + 4);
                var drained = chunked ? await DrainChunkedAsync(reader) : await reader.SkipAsync(length);
                Interlocked.Add(ref _bodyBytes, drained);
                if (_delay > TimeSpan.Zero)
                {
                    await Task.Delay(_delay, _stopping.Token);
                }

                var sent = 0;
                while (sent < _response.Length)
                {
                    sent += await socket.SendAsync(_response.AsMemory(sent), SocketFlags.None, _stopping.Token);
                }

                Interlocked.Increment(ref _requests);
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client or the server went away.
        }
        finally
        {
            lock (_connections)
            {
                _connections.Remove(socket);
            }

            socket.Dispose();
        }
    }

    private static (long Length, bool Chunked) ParseHead(ReadOnlySpan<byte> head)
    {
        long length = 0;
        var chunked = false;
        while (!head.IsEmpty)
        {
            var end = head.IndexOf("\r\n"u8);
            var line = end < 0 ? head : head[..end];
            head = end < 0 ? default : head[(end + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon < 0)
            {
                continue; // the request line
            }

            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (Ascii.EqualsIgnoreCase(name, "content-length"u8))
            {
                if (!Utf8Parser.TryParse(value, out length, out _))
                {
                    throw new IOException("Content-Length is not a number.");
                }
            }
            else if (Ascii.EqualsIgnoreCase(name, "transfer-encoding"u8))
            {
                chunked = value.IndexOf("chunked"u8) >= 0;
            }
        }

        return (length, chunked);
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private static async ValueTask<long> DrainChunkedAsync(Reader reader)
    {
        long total = 0;
        while (true)
        {
            int lineEnd;
            while ((lineEnd = reader.Buffered.IndexOf("\r\n"u8)) < 0)
            {
                if (!await reader.FillAsync())
                {
                    throw new IOException("The connection closed inside a chunked body.");
                }
            }

            var sizeText = reader.Buffered[..lineEnd];
            var extension = sizeText.IndexOf((byte)';');
            if (!Utf8Parser.TryParse(extension < 0 ? sizeText : sizeText[..extension], out long size, out _, 'x'))
            {
                throw new IOException("A chunk size is not hexadecimal.");
            }

            reader.Consume(lineEnd + 2);
            if (size == 0)
            {
                // No trailers are sent by HttpClient: the body ends with an empty line.
                await reader.SkipAsync(2);
                return total;
            }

            total += await reader.SkipAsync(size);
            await reader.SkipAsync(2);
        }
    }

    /// <summary>A read buffer over the socket, reused for every request on the connection.</summary>
    private sealed class Reader(Socket socket, CancellationToken cancellationToken)
    {
        private readonly byte[] _buffer = new byte[BufferSize];
        private int _start;
        private int _end;

        public ReadOnlySpan<byte> Buffered => _buffer.AsSpan(_start, _end - _start);

        public void Consume(int count) => _start += count;

        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        public async ValueTask<bool> FillAsync()
        {
            if (_start == _end)
            {
                _start = _end = 0;
            }
            else if (_end == _buffer.Length)
            {
                if (_start == 0)
                {
                    throw new IOException("A request head or chunk line is larger than the server's buffer.");
                }

                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            var read = await socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken);
            _end += read;
            return read > 0;
        }

        /// <summary>Reads and discards <paramref name="count"/> bytes.</summary>
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        public async ValueTask<long> SkipAsync(long count)
        {
            var left = count;
            while (left > 0)
            {
                if (_start == _end && !await FillAsync())
                {
                    throw new IOException("The connection closed inside a request body.");
                }

                var take = (int)Math.Min(left, _end - _start);
                _start += take;
                left -= take;
            }

            return count;
        }
    }
}
