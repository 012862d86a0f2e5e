using System.Globalization;
using System.Net.Http.Headers;

namespace Pikumo.ImageGen.Http;

/// <summary>Reads the provider headers the library surfaces: request ids, retry-after, processing time.</summary>
internal static class ResponseHeaders
{
    /// <summary>The first present header of the names given, in order.</summary>
    public static string? First(HttpResponseHeaders headers, params ReadOnlySpan<string> names)
    {
        foreach (var name in names)
        {
            if (headers.TryGetValues(name, out var values) && values.FirstOrDefault() is { Length: > 0 } value)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary><c>retry-after-ms</c> (milliseconds, preferred) or <c>retry-after</c> (seconds or an HTTP date).</summary>
    public static TimeSpan? RetryAfter(HttpResponseHeaders headers, TimeProvider timeProvider)
    {
        if (First(headers, "retry-after-ms") is { } ms && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis) && millis >= 0)
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        if (headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta < TimeSpan.Zero ? TimeSpan.Zero : delta;
            }

            if (retryAfter.Date is { } date)
            {
                var wait = date - timeProvider.GetUtcNow();
                return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            }
        }

        return First(headers, "retry-after") is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : null;
    }

    /// <summary><c>openai-processing-ms</c>.</summary>
    public static TimeSpan? ProcessingTime(HttpResponseHeaders headers) =>
        First(headers, "openai-processing-ms") is { } ms && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var millis)
            ? TimeSpan.FromMilliseconds(millis)
            : null;
}
