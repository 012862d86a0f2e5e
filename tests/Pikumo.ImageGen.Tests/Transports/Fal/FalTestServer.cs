using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Transports.Fal;

/// <summary>
/// A loopback fal written from api/fal.md for wire tests: queue submit/status/result/cancel, the sync route,
/// CDN upload, and result files. Each hook can be replaced to script a scenario.
/// </summary>
public sealed class FalTestServer : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, byte[]> _files = new();
    private int _jobs;

    private FalTestServer()
    {
    }

    public LoopbackServer Server { get; private set; } = null!;

    public RequestLog Log { get; } = new();

    /// <summary>What the status route reports, by poll number (0-based).</summary>
    public Func<int, string> Status { get; set; } = poll => poll switch { 0 => """{"status":"IN_QUEUE","queue_position":2}""", 1 => """{"status":"IN_PROGRESS"}""", _ => """{"status":"COMPLETED"}""" };

    /// <summary>The result route's status and body; by default one image per num_images at the file route.</summary>
    public Func<JsonElement, (int Status, string Body)>? Result { get; set; }

    /// <summary>Overrides the URL of result images (to test download rules).</summary>
    public Func<int, string>? ImageUrl { get; set; }

    public byte[] ResultImage { get; set; } = TestImages.Png(48, 32, seed: 5);

    public int Polls { get; private set; }

    public static async Task<FalTestServer> StartAsync()
    {
        var fal = new FalTestServer();
        fal.Server = await LoopbackServer.StartAsync(fal.HandleAsync);
        return fal;
    }

    public ImageGenClient Client(Action<ImageGenOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new ImageGenOptions { Provider = ImageProvider.Fal, UseEnvironmentVariables = false };
        options.Fal.ApiKey = "fal-key-id:fal-key-secret-0123456789";
        options.Fal.QueueBaseAddress = Server.Address;
        options.Fal.SyncBaseAddress = new Uri(Server.Address, "sync/");
        options.Fal.RestBaseAddress = new Uri(Server.Address, "rest/");
        options.Fal.PollInterval = TimeSpan.FromMilliseconds(1);
        options.Fal.MaxPollInterval = TimeSpan.FromMilliseconds(4);
        options.Fal.TrustedDownloadHosts.Add(Server.Address.Authority);
        options.Resilience.MaxRetryAttempts = 0;
        configure?.Invoke(options);
        return new ImageGenClient(options, timeProvider: time);
    }

    public ValueTask DisposeAsync() => Server.DisposeAsync();

    private async Task HandleAsync(HttpContext context)
    {
        var request = await ReceivedRequest.ReadAsync(context.Request);
        Log.Add(request);
        var path = request.Path;
        context.Response.Headers["x-fal-request-id"] = "gw-" + Guid.NewGuid().ToString("N")[..8];
        if (path.StartsWith("/files/", StringComparison.Ordinal))
        {
            context.Response.ContentType = "image/png";
            await context.Response.Body.WriteAsync(_files.TryGetValue(path, out var file) ? file : ResultImage);
            return;
        }

        if (path == "/rest/storage/upload/initiate")
        {
            await Json(context, $$"""{"upload_url":"{{Server.Address}}upload/target","file_url":"https://v3.fal.media/files/uploaded.png"}""");
            return;
        }

        if (path == "/upload/target")
        {
            context.Response.StatusCode = 200;
            return;
        }

        if (path.EndsWith("/cancel", StringComparison.Ordinal))
        {
            await Json(context, """{"status":"CANCELLATION_REQUESTED"}""", 202);
            return;
        }

        if (path.EndsWith("/status", StringComparison.Ordinal))
        {
            var body = Status(Polls++);
            await Json(context, body, body.Contains("COMPLETED", StringComparison.Ordinal) ? 200 : 202);
            return;
        }

        if (path.Contains("/requests/", StringComparison.Ordinal))
        {
            var submitted = Log.Requests.First(r => r.Method == "POST" && !r.Path.StartsWith("/rest", StringComparison.Ordinal));
            using var input = JsonDocument.Parse(submitted.Body);
            var (status, result) = Result?.Invoke(input.RootElement) ?? (200, Images(input.RootElement));
            await Json(context, result, status);
            return;
        }

        if (request.Method == "POST" && path.StartsWith("/sync/", StringComparison.Ordinal))
        {
            using var input = JsonDocument.Parse(request.Body);
            await Json(context, Images(input.RootElement));
            return;
        }

        if (request.Method == "POST")
        {
            var id = $"job-{Interlocked.Increment(ref _jobs)}";
            var app = string.Join('/', path.Trim('/').Split('/').Take(2));
            var root = $"{Server.Address}{app}/requests/{id}";
            await Json(context, $$"""{"request_id":"{{id}}","status":"IN_QUEUE","queue_position":0,"response_url":"{{root}}","status_url":"{{root}}/status","cancel_url":"{{root}}/cancel"}""");
            return;
        }

        context.Response.StatusCode = 404;
    }

    private string Images(JsonElement input)
    {
        var count = input.TryGetProperty("num_images", out var n) ? n.GetInt32() : 1;
        var images = Enumerable.Range(0, count).Select(i =>
        {
            var url = ImageUrl?.Invoke(i) ?? $"{Server.Address}files/out-{i}.png";
            _files[$"/files/out-{i}.png"] = ResultImage;
            return $$"""{"url":"{{url}}","content_type":"image/png","file_name":"out-{{i}}.png","file_size":{{ResultImage.Length}},"width":48,"height":32}""";
        });
        return $$"""{"images":[{{string.Join(',', images)}}]}""";
    }

    private static async Task Json(HttpContext context, string body, int status = 200)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    }
}
