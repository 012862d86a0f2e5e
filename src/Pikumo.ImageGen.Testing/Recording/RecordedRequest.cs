using System.Globalization;
using System.Net;
using System.Text;

namespace Pikumo.ImageGen.Testing;

/// <summary>
/// One request the simulator received, parsed: route, provider, form or JSON fields, images with their bytes,
/// headers, and what the simulator answered. <see cref="ToString"/> hides credentials; <see cref="Headers"/>
/// holds them as sent, for assertions.
/// </summary>
public sealed class RecordedRequest
{
    private static readonly string[] SecretHeaders = ["Authorization", "api-key", "Proxy-Authorization", "Cookie", "x-api-key", "x-goog-api-key"];

    internal RecordedRequest(
        int index, DateTimeOffset receivedAt, SimulatorRoute route, ImageProvider? provider, string method, Uri uri,
        IReadOnlyDictionary<string, string> headers, IReadOnlyDictionary<string, string> fields, IReadOnlyList<RecordedImage> images,
        RecordedImage? mask, ReadOnlyMemory<byte> body, string? model, string? deployment, string? falRequestId)
    {
        Index = index;
        ReceivedAt = receivedAt;
        Route = route;
        Provider = provider;
        Method = method;
        Uri = uri;
        Headers = headers;
        Fields = fields;
        Images = images;
        Mask = mask;
        Body = body;
        Model = model;
        Deployment = deployment;
        FalRequestId = falRequestId;
    }

    /// <summary>The request's position among all requests this simulator received, from 0.</summary>
    public int Index { get; }

    /// <summary>When it arrived, on the simulator's clock.</summary>
    public DateTimeOffset ReceivedAt { get; }

    /// <summary>The endpoint it reached.</summary>
    public SimulatorRoute Route { get; }

    /// <summary>The provider whose wire it reached; for a path no provider has, the one its credentials point to (<see langword="null"/> without any).</summary>
    public ImageProvider? Provider { get; }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The full request URI.</summary>
    public Uri Uri { get; }

    /// <summary>The path, for example <c>/v1/images/edits</c>.</summary>
    public string Path => Uri.AbsolutePath;

    /// <summary>The <c>api-version</c> query value, if any.</summary>
    public string? ApiVersion => Query("api-version");

    /// <summary>Request and content headers, as sent (several values joined with <c>, </c>); names are case-insensitive.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>
    /// The non-image fields: multipart text fields, or a JSON body's top-level values (strings as they are, other
    /// values as JSON text, for example <c>4</c>, <c>true</c>, <c>{"width":1536,"height":1024}</c>).
    /// </summary>
    public IReadOnlyDictionary<string, string> Fields { get; }

    /// <summary>The reference images, in order.</summary>
    public IReadOnlyList<RecordedImage> Images { get; }

    /// <summary>The mask, if one was sent.</summary>
    public RecordedImage? Mask { get; }

    /// <summary>The raw body.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    /// <summary>The <c>prompt</c> field, if any.</summary>
    public string? Prompt => Fields.TryGetValue("prompt", out var prompt) ? prompt : null;

    /// <summary>The model asked for: the <c>model</c> field, the Azure deployment's model, or the fal endpoint id.</summary>
    public string? Model { get; }

    /// <summary>The Azure deployment (the deployment route's path segment, or the v1 route's <c>model</c>).</summary>
    public string? Deployment { get; }

    /// <summary>The fal request id a status, result or cancel call was about, or the id a submit was given.</summary>
    public string? FalRequestId { get; internal set; }

    /// <summary>Whether this was an image call (an edit or generation on any provider, or a fal run or submit).</summary>
    public bool IsImageCall => Route is SimulatorRoute.OpenAIEdits or SimulatorRoute.OpenAIGenerations or SimulatorRoute.AzureEdits
        or SimulatorRoute.AzureGenerations or SimulatorRoute.FalRun or SimulatorRoute.FalSubmit or SimulatorRoute.GeminiGenerateContent;

    /// <summary>The status the simulator answered with; <see langword="null"/> while it is being handled, or when the connection was reset.</summary>
    public HttpStatusCode? StatusCode
    {
        get;
        internal set
        {
            field = value;
            Owner?.Changed();
        }
    }

    /// <summary>
    /// The simulated processing time of an image call: the latency it waits (set once the wait has started on the
    /// clock, so a test may advance a fake clock from then on), or for a fal queue job its queue wait plus run time.
    /// <see langword="null"/> for other requests and for answers that did not get that far.
    /// </summary>
    public TimeSpan? SimulatedLatency
    {
        get;
        internal set
        {
            field = value;
            Owner?.Changed();
        }
    }

    /// <summary>Whether the call is waiting out its simulated latency on the clock and has not been answered yet.</summary>
    public bool IsWaiting => SimulatedLatency is not null && StatusCode is null;

    /// <summary>The recorder this request belongs to, told when the request's state changes.</summary>
    internal SimulatorRecorder? Owner { get; set; }

    /// <summary>The fault injected into this request, if any.</summary>
    public SimulatedFault? Fault { get; internal set; }

    /// <summary>A query value.</summary>
    /// <param name="name">The parameter name.</param>
    /// <returns>The unescaped value, or <see langword="null"/>.</returns>
    public string? Query(string name)
    {
        foreach (var pair in Uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            var key = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return equals < 0 ? string.Empty : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
            }
        }

        return null;
    }

    /// <summary>A one-screen description with credentials replaced by <c>[REDACTED]</c> and long values shortened.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var builder = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"#{Index} {Method} {Uri.PathAndQuery} → {Route}")
            .Append(StatusCode is { } status ? string.Create(CultureInfo.InvariantCulture, $" {(int)status}") : " (no answer)")
            .Append(Fault is null ? string.Empty : $" [fault {Fault}]");
        foreach (var (name, value) in Headers.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase))
        {
            builder.Append("\n  ").Append(name).Append(": ").Append(RedactHeader(name, value));
        }

        foreach (var (name, value) in Fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            builder.Append("\n  ").Append(name).Append(" = ").Append(value.Length > 120 ? string.Concat(value.AsSpan(0, 120), "…") : value);
        }

        foreach (var image in Images)
        {
            builder.Append("\n  ").Append(image);
        }

        if (Mask is not null)
        {
            builder.Append("\n  ").Append(Mask);
        }

        return builder.ToString();
    }

    /// <summary>A header value as <see cref="ToString"/> shows it: the scheme of a credential is kept, the secret is not.</summary>
    internal static string RedactHeader(string name, string value)
    {
        if (!SecretHeaders.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return value;
        }

        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && !name.Equals("api-key", StringComparison.OrdinalIgnoreCase) ? value[..space] + " [REDACTED]" : "[REDACTED]";
    }
}
