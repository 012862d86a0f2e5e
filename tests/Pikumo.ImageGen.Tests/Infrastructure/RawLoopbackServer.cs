using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Pikumo.ImageGen.Tests.Infrastructure;

/// <summary>
/// A bare TCP server on 127.0.0.1 that reads one HTTP/1.1 request (headers and a Content-Length body) and hands the
/// socket to a script: for what Kestrel will not do, such as a clean FIN or an RST in the middle of a 200 body.
/// </summary>
public sealed class RawLoopbackServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Task _loop;
    private readonly CancellationTokenSource _stop = new();

    private RawLoopbackServer(Func<Socket, Task> script)
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Address = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _loop = Task.Run(() => LoopAsync(script));
    }

    public Uri Address { get; }

    public int RequestCount => _count;

    private int _count;

    public static RawLoopbackServer Start(Func<Socket, Task> script) => new(script);

    /// <summary>Writes a 200 status line, headers announcing <paramref name="announced"/> bytes of JSON, and the first part of the body.</summary>
    public static Task WriteStartOf200Async(Socket socket, string bodyStart, int announced) =>
        socket.SendAsync(Encoding.ASCII.GetBytes(
            $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nx-request-id: req_cut\r\nContent-Length: {announced}\r\n\r\n{bodyStart}"));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync(Func<Socket, Task> script)
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            Interlocked.Increment(ref _count);
            using (socket)
            {
                await ReadRequestAsync(socket);
                await script(socket);
            }
        }
    }

    private static async Task ReadRequestAsync(Socket socket)
    {
        var received = new List<byte>();
        var buffer = new byte[64 * 1024];
        int headerEnd;
        while ((headerEnd = IndexOf(received, "\r\n\r\n"u8.ToArray())) < 0)
        {
            var n = await socket.ReceiveAsync(buffer);
            if (n == 0)
            {
                return;
            }

            received.AddRange(buffer.AsSpan(0, n).ToArray());
        }

        var headers = Encoding.ASCII.GetString([.. received.Take(headerEnd)]);
        var length = headers.Split("\r\n").Select(l => l.Split(':', 2)).Where(p => p.Length == 2 && p[0].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase)).Select(p => long.Parse(p[1].Trim(), System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault();
        var have = received.Count - headerEnd - 4;
        while (have < length)
        {
            var n = await socket.ReceiveAsync(buffer);
            if (n == 0)
            {
                return;
            }

            have += n;
        }
    }

    private static int IndexOf(List<byte> data, byte[] pattern)
    {
        for (var i = 0; i + pattern.Length <= data.Count; i++)
        {
            var match = true;
            for (var j = 0; j < pattern.Length && match; j++)
            {
                match = data[i + j] == pattern[j];
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }
}
