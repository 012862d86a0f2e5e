using System.Globalization;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;

namespace Pikumo.ImageGen.Http;

/// <summary>
/// Reads the provider's rate-limit headers (<c>x-ratelimit-remaining-requests</c>/<c>-tokens</c> with their
/// <c>x-ratelimit-reset-*</c> durations such as <c>6m0s</c>) and, when a budget is spent, holds the next requests
/// until it resets, so a burst of frames slows down before it hits 429. One gate per client (per provider).
/// </summary>
internal sealed partial class RateLimitGate(TimeProvider timeProvider, TimeSpan maxWait)
{
    private long _blockedUntilTicks;

    /// <summary>When the next request may go, if a budget is spent; otherwise <see langword="null"/>.</summary>
    public DateTimeOffset? BlockedUntil
    {
        get
        {
            var ticks = Interlocked.Read(ref _blockedUntilTicks);
            return ticks > timeProvider.GetUtcNow().UtcTicks ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;
        }
    }

    public async ValueTask WaitAsync(CancellationToken cancellationToken)
    {
        if (BlockedUntil is { } until)
        {
            var wait = until - timeProvider.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, timeProvider, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void Observe(HttpResponseHeaders headers)
    {
        var wait = Spent(headers, "requests") ?? TimeSpan.Zero;
        if (Spent(headers, "tokens") is { } tokens && tokens > wait)
        {
            wait = tokens;
        }

        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        var until = timeProvider.GetUtcNow() + (wait > maxWait ? maxWait : wait);
        long current;
        do
        {
            current = Interlocked.Read(ref _blockedUntilTicks);
            if (current >= until.UtcTicks)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref _blockedUntilTicks, until.UtcTicks, current) != current);
    }

    /// <summary>Parses Go-style durations (<c>1h2m3.5s</c>, <c>6m0s</c>, <c>12ms</c>) and plain seconds.</summary>
    internal static TimeSpan? ParseDuration(string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds >= 0 ? TimeSpan.FromSeconds(seconds) : null;
        }

        var matches = DurationPart().Matches(text);
        if (matches.Count == 0 || string.Concat(matches.Select(m => m.Value)) != text)
        {
            return null;
        }

        var total = TimeSpan.Zero;
        foreach (Match match in matches)
        {
            var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
            total += match.Groups[2].Value switch
            {
                "h" => TimeSpan.FromHours(value),
                "m" => TimeSpan.FromMinutes(value),
                "s" => TimeSpan.FromSeconds(value),
                "ms" => TimeSpan.FromMilliseconds(value),
                "us" or "µs" => TimeSpan.FromMicroseconds(value),
                _ => TimeSpan.FromTicks((long)(value / 100)),
            };
        }

        return total;
    }

    private static TimeSpan? Spent(HttpResponseHeaders headers, string budget) =>
        ResponseHeaders.First(headers, $"x-ratelimit-remaining-{budget}") is { } remaining
        && long.TryParse(remaining, NumberStyles.Integer, CultureInfo.InvariantCulture, out var left) && left == 0
        && ResponseHeaders.First(headers, $"x-ratelimit-reset-{budget}") is { } reset
            ? ParseDuration(reset)
            : null;

    [GeneratedRegex(@"(\d+(?:\.\d+)?)(h|ms|us|µs|ns|m|s)", RegexOptions.CultureInvariant)]
    private static partial Regex DurationPart();
}
