using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Pikumo.ImageGen.Conformance.Tests.Infrastructure;

/// <summary>One request as the client put it on the wire: method, URI, headers and the body's bytes.</summary>
public sealed record CapturedRequest(HttpMethod Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? ContentType, byte[] Body)
{
    public string Header(string name) => Headers.TryGetValue(name, out var value) ? value : string.Empty;
}

/// <summary>
/// The client's primary handler in these tests: it reads every request to the last byte (so the body is what the
/// client serialised, through its own HttpContent), keeps it, and then answers with <see cref="Respond"/> or passes
/// the request on to <see cref="Inner"/> (the simulator's in-process handler).
/// </summary>
public sealed class WireCapture : DelegatingHandler
{
    public WireCapture(HttpMessageHandler? inner = null)
        : base(inner ?? new NoNetwork())
    {
    }

    public ConcurrentQueue<CapturedRequest> Requests { get; } = new();

    /// <summary>Answers instead of the inner handler when set and not returning <see langword="null"/>.</summary>
    public Func<CapturedRequest, HttpResponseMessage?>? Respond { get; set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = request.Headers.Concat(request.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>())
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        var captured = new CapturedRequest(request.Method, request.RequestUri!, headers, request.Content?.Headers.ContentType?.ToString(), body);
        Requests.Enqueue(captured);
        if (Respond?.Invoke(captured) is { } answer)
        {
            return answer;
        }

        // The simulator reads the body again: hand it a copy of what was captured.
        if (request.Content is not null)
        {
            var copy = new ByteArrayContent(body);
            foreach (var header in request.Content.Headers)
            {
                copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            request.Content = copy;
        }

        return await base.SendAsync(request, cancellationToken);
    }

    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers)
        {
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                response.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return response;
    }

    private sealed class NoNetwork : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"No answer was set up for {request.Method} {request.RequestUri}.");
    }
}
