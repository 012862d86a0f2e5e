using System.Net;
using System.Net.Sockets;

namespace Pikumo.ImageGen.Tests.Sequences.Crash;

/// <summary>
/// A TCP relay on 127.0.0.1 between the crash child and the simulator server. Armed with a byte position in one
/// direction, it forwards up to that byte and then holds the stream (mid-upload: the server has part of a body;
/// mid-download: the child has part of an answer) and signals, so the parent can kill the child exactly there.
/// It stays on raw sockets although every server here runs on Kestrel: it is not a server but a byte-exact TCP
/// relay in both directions (its cut points fall inside headers, chunk framing and bodies alike), which an HTTP
/// server cannot express; Kestrel's connection middleware could accept its side, but the forwarding side would still be
/// a raw socket, so nothing would be gained.
/// </summary>
internal sealed class KillRelay : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly int _target;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly List<TcpClient> _sockets = [];
    private readonly Task _accepting;
    private long[] _counted = new long[2];
    private (RelayDirection Direction, long At)? _trigger;
    private TaskCompletionSource _hit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public KillRelay(int targetPort)
    {
        _target = targetPort;
        _listener.Start();
        BaseAddress = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _accepting = AcceptAsync();
    }

    public Uri BaseAddress { get; }

    /// <summary>Bytes forwarded since the last <see cref="Arm"/>: child → server, server → child.</summary>
    public (long Up, long Down) Counted
    {
        get
        {
            lock (_lock)
            {
                return (_counted[0], _counted[1]);
            }
        }
    }

    /// <summary>Completes when the armed byte position is reached (the stream is then held).</summary>
    public Task Hit => _hit.Task;

    /// <summary>Resets the counters and sets (or clears) the byte position to stop at.</summary>
    public void Arm((RelayDirection Direction, long At)? trigger)
    {
        lock (_lock)
        {
            _counted = new long[2];
            _trigger = trigger;
            _hit = new(TaskCreationOptions.RunContinuationsAsynchronously);
            _release.TrySetResult();
            _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>After the kill: closes every connection (the server sees the child's sockets go).</summary>
    public void DropAll()
    {
        lock (_lock)
        {
            _release.TrySetResult();
            foreach (var socket in _sockets)
            {
                socket.Dispose();
            }

            _sockets.Clear();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        DropAll();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            var server = new TcpClient();
            await server.ConnectAsync(IPAddress.Loopback, _target, _stopping.Token);
            client.NoDelay = server.NoDelay = true;
            lock (_lock)
            {
                _sockets.Add(client);
                _sockets.Add(server);
            }

            _ = PumpAsync(client, server, RelayDirection.Upload);
            _ = PumpAsync(server, client, RelayDirection.Download);
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to, RelayDirection direction)
    {
        var buffer = new byte[4096];
        try
        {
            var source = from.GetStream();
            var sink = to.GetStream();
            while (true)
            {
                var read = await source.ReadAsync(buffer, _stopping.Token);
                if (read == 0)
                {
                    break;
                }

                Task? hold = null;
                var forward = read;
                lock (_lock)
                {
                    var index = (int)direction;
                    if (_trigger is { } trigger && trigger.Direction == direction && _counted[index] + read >= trigger.At)
                    {
                        forward = (int)(trigger.At - _counted[index]);
                        _trigger = null;
                        hold = _release.Task;
                        _hit.TrySetResult();
                    }

                    _counted[index] += forward;
                }

                if (forward > 0)
                {
                    await sink.WriteAsync(buffer.AsMemory(0, forward), _stopping.Token);
                }

                if (hold is not null)
                {
                    await hold; // held until the child is killed; then the sockets are dropped
                    break;
                }
            }

            to.Client.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // the child was killed, or the relay is stopping
        }
    }
}

internal enum RelayDirection
{
    Upload = 0,
    Download = 1,
}
