using System.Globalization;
using System.Text.Json;
using Pikumo.ImageGen.Internal;

namespace Pikumo.ImageGen.Transports.Fal;

/// <content>
/// A lost submission found again in fal's request history: <c>GET {platform}/models/requests/by-endpoint</c> with
/// <c>expand=payloads</c> lists the account's requests to an endpoint with their JSON input; the one whose prompt has
/// the journaled SHA-256 and was sent after the call went in flight is the paid job. The history lists requests once
/// they end, so a job still running is found by asking again until <see cref="FalProviderOptions.LostSubmissionSearch"/>
/// has passed since the call went in flight.
/// </content>
internal sealed partial class FalImageTransport
{
    /// <summary>Clocks of the journal's machine and fal's differ; a request sent this much "before" the call still matches.</summary>
    private static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(2);

    internal override async Task<string?> FindSubmissionAsync(ImageOperation operation, string model, string callSha256, DateTimeOffset since, IReadOnlyCollection<string> known, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(callSha256);
        if (!_options.UseQueue || !_options.StoreIO)
        {
            return null; // the sync route keeps no result to fetch; without stored inputs there is nothing to match
        }

        var endpoint = EndpointOf(model, FalModels.For(model), operation); // the endpoint the call went to: gpt-image, FLUX.2, Nano Banana or an app id
        var now = TimeProvider.GetUtcNow();
        var deadline = (since < now ? since : now) + _options.LostSubmissionSearch; // a clock that ran ahead never stretches the wait
        var delay = _options.PollInterval;
        while (true)
        {
            if (await SearchHistoryAsync(endpoint, callSha256, since, known, cancellationToken).ConfigureAwait(false) is { } id)
            {
                return id;
            }

            var left = deadline - TimeProvider.GetUtcNow();
            if (left <= TimeSpan.Zero)
            {
                return null;
            }

            await Task.Delay(delay < left ? delay : left, TimeProvider, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxPollInterval.Ticks));
        }
    }

    /// <summary>One pass over the history since the call went in flight, page by page.</summary>
    private async Task<string?> SearchHistoryAsync(string endpoint, string callSha256, DateTimeOffset since, IReadOnlyCollection<string> known, CancellationToken cancellationToken)
    {
        var start = (since - ClockSkew).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        string? cursor = null;
        do
        {
            var query = $"models/requests/by-endpoint?endpoint_id={Uri.EscapeDataString(endpoint)}&start={Uri.EscapeDataString(start)}&expand=payloads&limit=100"
                + (cursor is null ? string.Empty : $"&cursor={Uri.EscapeDataString(cursor)}");
            using var message = Message(HttpMethod.Get, new Uri(Base(_options.PlatformBaseAddress), query), content: null);
            using var response = await SendHttpAsync(message, null, cancellationToken).ConfigureAwait(false);
            using var page = await ReadOutputAsync(response, cancellationToken).ConfigureAwait(false);
            var root = page.RootElement;
            if (root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray())
                {
                    // Ids are journaled as the transport names them: qualified by the app when it is not the options' one.
                    if (item.ValueKind == JsonValueKind.Object && item.TryGetProperty("request_id", out var id) && id.ValueKind == JsonValueKind.String
                        && Qualified(endpoint, id.GetString()) is { } requestId && !known.Contains(requestId) && Fingerprint(item) == callSha256)
                    {
                        return requestId;
                    }
                }
            }

            cursor = root.TryGetProperty("has_more", out var more) && more.ValueKind == JsonValueKind.True
                && root.TryGetProperty("next_cursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
        }
        while (cursor is not null);

        return null;
    }

    /// <summary>
    /// The fingerprint of a listed request from its stored input: the prompt and each <c>image_urls</c> entry, which
    /// must be an inline <c>data:</c> URI to be hashed (a CDN URL cannot be compared without a download: no match).
    /// </summary>
    private static string? Fingerprint(JsonElement item)
    {
        if (!item.TryGetProperty("json_input", out var input) || input.ValueKind != JsonValueKind.Object
            || !input.TryGetProperty("prompt", out var prompt) || prompt.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        var hashes = new List<string>();
        if (input.TryGetProperty("image_urls", out var urls) && urls.ValueKind == JsonValueKind.Array)
        {
            foreach (var url in urls.EnumerateArray())
            {
                var text = url.ValueKind == JsonValueKind.String ? url.GetString()! : string.Empty;
                var comma = text.IndexOf(',', StringComparison.Ordinal);
                if (!text.StartsWith("data:", StringComparison.OrdinalIgnoreCase) || comma < 0 || !text.AsSpan(0, comma).EndsWith(";base64", StringComparison.OrdinalIgnoreCase))
                {
                    return null;
                }

                try
                {
                    hashes.Add(Sha256Hex.Of(Convert.FromBase64String(text[(comma + 1)..])));
                }
                catch (FormatException)
                {
                    return null;
                }
            }
        }

        return CallFingerprint.Of(prompt.GetString()!, hashes);
    }
}
