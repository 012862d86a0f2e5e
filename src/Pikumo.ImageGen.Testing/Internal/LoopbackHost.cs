using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Pikumo.ImageGen.Testing.Internal;

/// <summary>
/// ASP.NET Core's Kestrel on 127.0.0.1 and a free port, HTTP/1.1 without TLS, serving one <see cref="RequestDelegate"/>:
/// the one socket-level server of the repository. The simulator's <see cref="SimulatorServer"/> runs on it, and so do
/// the tests' scripted servers. Kestrel owns the framing (Content-Length, chunked, <c>Expect: 100-continue</c>,
/// keep-alive); faults come from its own surface: <see cref="HttpContext.Abort"/> (FIN), the connection's socket
/// through <see cref="IConnectionSocketFeature"/> (RST), flushed partial writes (stalls, trickles), and connection
/// middleware for bytes that are not HTTP at all. A bare generic host (no appsettings, no hosting startup assemblies, no
/// logging providers): nothing in the user's test project can move it off loopback.
/// </summary>
internal sealed class LoopbackHost : IAsyncDisposable
{
    private readonly IHost _host;
    private int _disposed;

    private LoopbackHost(IHost host, Uri baseAddress)
    {
        _host = host;
        BaseAddress = baseAddress;
    }

    /// <summary><c>http://127.0.0.1:{port}/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The bound port.</summary>
    public int Port => BaseAddress.Port;

    /// <summary>Starts Kestrel on 127.0.0.1:0.</summary>
    /// <param name="handler">What answers each request.</param>
    /// <param name="maxRequestBodySize">Kestrel's request body limit (413 beyond it), or <see langword="null"/> for none.</param>
    /// <param name="connection">Connection middleware run before HTTP parsing (raw bytes), or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels starting.</param>
    public static async Task<LoopbackHost> StartAsync(
        RequestDelegate handler,
        long? maxRequestBodySize = null,
        Func<ConnectionDelegate, ConnectionDelegate>? connection = null,
        CancellationToken cancellationToken = default)
    {
        var host = new HostBuilder()
            .ConfigureWebHost(web => web
                .UseSetting(WebHostDefaults.PreventHostingStartupKey, "true")
                .UseKestrel(options =>
                {
                    options.AddServerHeader = false;
                    options.Limits.MaxRequestBodySize = maxRequestBodySize;
                    options.Limits.MaxRequestHeadersTotalSize = 64 * 1024;

                    // Time in tests is fake: a simulated stall or trickle must not be cut by Kestrel's real-time rate limits.
                    options.Limits.MinRequestBodyDataRate = null;
                    options.Limits.MinResponseDataRate = null;
                    options.Listen(IPAddress.Loopback, 0, listen =>
                    {
                        listen.Protocols = HttpProtocols.Http1;
                        if (connection is not null)
                        {
                            listen.Use(connection);
                        }
                    });
                })
                .Configure(app => app.Run(handler)))
            .Build();
        try
        {
            await host.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            host.Dispose();
            throw;
        }

        var address = host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        var port = new Uri(address).Port;
        return new LoopbackHost(host, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}/")));
    }

    /// <summary>Stops at once: open connections are aborted (their <see cref="HttpContext.RequestAborted"/> fires), then it waits for them to end.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _host.StopAsync(new CancellationToken(canceled: true)).ConfigureAwait(false);
        _host.Dispose();
    }
}
