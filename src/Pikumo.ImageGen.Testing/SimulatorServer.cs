using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Pikumo.ImageGen.Testing.Internal;

namespace Pikumo.ImageGen.Testing;

/// <summary>
/// An <see cref="ImageGenSimulator"/> served over real sockets on 127.0.0.1 and a free port (HTTP/1.1, no TLS).
/// Requests reach the same engine as in process; a <see cref="SimulatedFault.ConnectionReset"/> resets the
/// socket and a <see cref="SimulatedFault.TruncatedBody"/> closes it short of the declared length.
/// Dispose to stop it (open connections are closed).
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<TcpClient, Task> _connections = new();
    private readonly Task _accepting;

    private SimulatorServer(ImageGenSimulator simulator)
    {
        Simulator = simulator;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        BaseAddress = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}/"));
        _accepting = AcceptAsync();
    }

    /// <summary>The simulator it serves.</summary>
    public ImageGenSimulator Simulator { get; }

    /// <summary>The port it listens on.</summary>
    public int Port { get; }

    /// <summary><c>http://127.0.0.1:{port}/</c>: OpenAI at <c>v1/</c>, Azure at the root, fal under <c>fal/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>New options for a provider, pointed at this server (see <see cref="ImageGenSimulator.ConfigureOptions"/>).</summary>
    /// <param name="provider">The provider.</param>
    /// <returns>The options.</returns>
    public ImageGenOptions CreateOptions(ImageProvider provider = ImageProvider.OpenAI) => Simulator.CreateOptions(provider, BaseAddress);

    /// <summary>Points options at this server.</summary>
    /// <param name="options">The options to change.</param>
    public void ConfigureOptions(ImageGenOptions options) => Simulator.ConfigureOptions(options, BaseAddress);

    /// <summary>An <see cref="ImageGenClient"/> that calls this server over loopback with the library's default HttpClient (sockets and resilience), on the simulator's clock.</summary>
    /// <param name="provider">The provider whose wire to speak.</param>
    /// <param name="configure">Further options, applied after the server's.</param>
    /// <param name="loggerFactory">Logging, or none.</param>
    /// <returns>The client; dispose it.</returns>
    public ImageGenClient CreateClient(ImageProvider provider = ImageProvider.OpenAI, Action<ImageGenOptions>? configure = null, ILoggerFactory? loggerFactory = null)
    {
        var options = CreateOptions(provider);
        configure?.Invoke(options);
        return new ImageGenClient(options, httpClient: null, loggerFactory, Simulator.TimeProvider);
    }

    internal static SimulatorServer Start(ImageGenSimulator simulator) => new(simulator);

    /// <summary>Stops listening, closes every connection and waits for them to end.</summary>
    /// <returns>A task that completes when stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        foreach (var client in _connections.Keys)
        {
            client.Dispose();
        }

        try
        {
            await Task.WhenAll(_connections.Values.Append(_accepting)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Connections end abruptly when the server stops.
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _connections[client] = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        await Task.Yield();
        try
        {
            var connection = new HttpConnection(client, BaseAddress, Simulator.Options.MaxRequestBodyBytes);
            await connection.ServeAsync(Simulator.Engine, _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The client or the server went away, or sent something that is not HTTP: the connection ends.
        }
        finally
        {
            client.Dispose();
            _connections.TryRemove(client, out _);
        }
    }
}
