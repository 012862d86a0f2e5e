using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Pikumo.ImageGen.Testing.Internal;

namespace Pikumo.ImageGen.Tests.Infrastructure;

/// <summary>
/// A scripted server for tests where the wire matters, on the Testing package's Kestrel host (127.0.0.1, a free port):
/// the handler sees exactly what the client sent (and parses it with ASP.NET's own multipart reader, not ours), and
/// produces connection faults with Kestrel's own surface (<see cref="HttpContext.Abort"/>, flushed partial writes,
/// <see cref="CutAsync"/>).
/// </summary>
public sealed class LoopbackServer : IAsyncDisposable
{
    private static readonly FormOptions Forms = new() { MultipartBodyLengthLimit = long.MaxValue, ValueLengthLimit = int.MaxValue };

    private readonly LoopbackHost _host;
    private int _count;

    private LoopbackServer(LoopbackHost host)
    {
        _host = host;
    }

    public Uri Address => _host.BaseAddress;

    /// <summary>How many requests reached the server.</summary>
    public int RequestCount => Volatile.Read(ref _count);

    public static async Task<LoopbackServer> StartAsync(Func<HttpContext, Task> handler, long? maxRequestBodySize = 200L * 1024 * 1024)
    {
        LoopbackServer? server = null;
        var host = await LoopbackHost.StartAsync(
            async context =>
            {
                Interlocked.Increment(ref server!._count);
                ((DefaultHttpContext)context).FormOptions = Forms;
                await handler(context);
            },
            maxRequestBodySize);
        server = new LoopbackServer(host);
        return server;
    }

    /// <summary>
    /// Ends the connection in the middle of an answer after flushing what was written: with a FIN once it is sent (an
    /// error after the response started makes Kestrel close the connection without completing the answer), or with an
    /// RST (the connection's socket closed with a zero linger).
    /// </summary>
    public static async Task CutAsync(HttpContext context, bool reset)
    {
        await context.Response.Body.FlushAsync(context.RequestAborted);
        if (reset)
        {
            var socket = context.Features.GetRequiredFeature<Microsoft.AspNetCore.Connections.Features.IConnectionSocketFeature>().Socket;
            socket.LingerState = new System.Net.Sockets.LingerOption(true, 0);
            socket.Close();
            context.Abort();
            return;
        }

        throw new IOException("The test server cuts this answer short.");
    }

    /// <summary>Holds the answer until the client hangs up or the server stops (a stalled provider), waiting on no clock.</summary>
    public static async Task HoldUntilAbortedAsync(HttpContext context)
    {
        var aborted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = context.RequestAborted.Register(() => aborted.TrySetResult());
        await aborted.Task;
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
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
