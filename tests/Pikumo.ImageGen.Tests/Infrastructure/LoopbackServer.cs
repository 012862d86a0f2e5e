using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pikumo.ImageGen.Tests.Infrastructure;

/// <summary>
/// A real Kestrel server on 127.0.0.1 and a free port, for tests where the wire matters: the handler sees
/// exactly what the client sent (and parses it with ASP.NET's own multipart reader, not ours).
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private LoopbackServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>How many requests reached the server.</summary>
    public int RequestCount => _count;

    private int _count;

    public static async Task<LoopbackServer> StartAsync(Func<HttpContext, Task> handler, long? maxRequestBodySize = 200L * 1024 * 1024)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Limits.MaxRequestBodySize = maxRequestBodySize);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o =>
        {
            o.MultipartBodyLengthLimit = long.MaxValue;
            o.ValueLengthLimit = int.MaxValue;
        });
        var app = builder.Build();
        LoopbackServer? server = null;
        app.Run(async context =>
        {
            Interlocked.Increment(ref server!._count);
            await handler(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new LoopbackServer(app, new Uri(address.Replace("localhost", "127.0.0.1", StringComparison.Ordinal) + "/"));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>What the server side read from one request.</summary>
public sealed class ReceivedRequest
{
    public required string Method { get; init; }

    public required string Path { get; init; }

    public required string Query { get; init; }

    public required IReadOnlyDictionary<string, string> Headers { get; init; }

    public string? ContentType { get; init; }

    public IReadOnlyDictionary<string, string> Fields { get; init; } = new Dictionary<string, string>();

    public IReadOnlyList<ReceivedFile> Files { get; init; } = [];

    public byte[] Body { get; init; } = [];

    public static async Task<ReceivedRequest> ReadAsync(HttpRequest request)
    {
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync();
            var files = new List<ReceivedFile>();
            foreach (var file in form.Files)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer);
                files.Add(new ReceivedFile(file.Name, file.FileName, file.ContentType, buffer.ToArray()));
            }

            return new ReceivedRequest
            {
                Method = request.Method,
                Path = request.Path,
                Query = request.QueryString.Value ?? string.Empty,
                Headers = headers,
                ContentType = request.ContentType,
                Fields = form.ToDictionary(f => f.Key, f => f.Value.ToString()),
                Files = files,
            };
        }

        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        return new ReceivedRequest
        {
            Method = request.Method,
            Path = request.Path,
            Query = request.QueryString.Value ?? string.Empty,
            Headers = headers,
            ContentType = request.ContentType,
            Body = body.ToArray(),
        };
    }
}

public sealed record ReceivedFile(string Name, string FileName, string ContentType, byte[] Bytes);

/// <summary>Collects what a server received, for assertions after the call.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();

    public IReadOnlyList<ReceivedRequest> Requests => _requests.ToArray();

    public ReceivedRequest Only => Assert.Single(_requests);

    public void Add(ReceivedRequest request) => _requests.Enqueue(request);
}
