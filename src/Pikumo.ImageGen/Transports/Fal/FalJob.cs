using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Pikumo.ImageGen.Transports.Fal;

/// <summary>A queued job and its URLs (taken from the submit answer; built from the id only when re-fetching).</summary>
internal sealed record FalJob(string RequestId, string Endpoint, Uri StatusUrl, Uri ResponseUrl, Uri CancelUrl)
{
    public static FalJob Parse(JsonDocument submit, Uri queueBase, string endpoint)
    {
        using (submit)
        {
            var root = submit.RootElement;
            var id = Text(root, "request_id") ?? throw new ImageGenProtocolException("fal: the queue submission answer has no request_id.", "fal", null, HttpStatusCode.OK);
            var built = FromRequestId(id, queueBase, endpoint);
            return built with
            {
                StatusUrl = Url(root, "status_url") ?? built.StatusUrl,
                ResponseUrl = Url(root, "response_url") ?? built.ResponseUrl,
                CancelUrl = Url(root, "cancel_url") ?? built.CancelUrl,
            };
        }
    }

    /// <summary>Status, result and cancel live under owner/alias only, without the endpoint's sub-path.</summary>
    public static FalJob FromRequestId(string id, Uri queueBase, string endpoint)
    {
        var parts = endpoint.Split('/');
        var app = string.Join('/', parts.Take(2));
        var escaped = Uri.EscapeDataString(id);
        return new FalJob(
            id,
            endpoint,
            new Uri(queueBase, string.Create(CultureInfo.InvariantCulture, $"{app}/requests/{escaped}/status")),
            new Uri(queueBase, $"{app}/requests/{escaped}"),
            new Uri(queueBase, $"{app}/requests/{escaped}/cancel"));
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static Uri? Url(JsonElement root, string name) =>
        Text(root, name) is { } text && Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;
}
