using System.Globalization;
using System.Net;

namespace Pikumo.ImageGen.Orleans;

/// <summary>
/// Asks the deployment's quota grain before every POST (a paid call), for as many images as it asks the provider for
/// (<see cref="ImageGenHttpRequestOptions.Images"/>, 1 when absent), and reports its end with what the provider said
/// (a 429, <c>Retry-After</c>, <c>retry-after-ms</c>, a spent <c>x-ratelimit-remaining-requests</c>). Inside the
/// resilience pipeline, so every attempt asks. GETs (fal's status polls and result downloads) are not paid and pass.
/// </summary>
internal sealed class ClusterQuotaHandler(IGrainFactory grains, string deployment, string caller, ProviderQuota limits, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Post)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        var quota = grains.GetGrain<IProviderQuotaGrain>(deployment);
        var images = request.Options.TryGetValue(ImageGenHttpRequestOptions.Images, out var asked) ? Math.Max(1, asked) : 1;
        var grant = await AcquireAsync(quota, images, cancellationToken).ConfigureAwait(false);
        var feedback = default(QuotaFeedback);
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            feedback = new QuotaFeedback { StatusCode = (int)response.StatusCode, RetryAfter = RetryAfter(response) };
            return response;
        }
        finally
        {
            try
            {
                // Never cancelled, never thrown over the provider's answer (a paid call's result must reach the caller).
                await quota.ReleaseAsync(grant.Lease, feedback).WaitAsync(limits.UnavailableTimeout, time, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The lease stops counting after ProviderQuota.LeaseTimeout: fewer calls meanwhile, never more.
            }
        }
    }

    /// <summary>
    /// Waits for a grant: as long as the quota is full (calls in flight end), but only <see cref="ProviderQuota.UnavailableTimeout"/>
    /// while the quota cannot answer (its storage fails, its grain is unreachable); then the call fails, not sent.
    /// </summary>
    private async Task<QuotaGrant> AcquireAsync(IProviderQuotaGrain quota, int images, CancellationToken cancellationToken)
    {
        DateTimeOffset? unavailableSince = null;
        while (true)
        {
            QuotaGrant grant;
            string? problem;
            var lease = Guid.NewGuid();
            try
            {
                grant = await quota.AcquireAsync(caller, lease, images).WaitAsync(limits.UnavailableTimeout, time, cancellationToken).ConfigureAwait(false);
                problem = grant.Unavailable;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // No answer (in time): give the lease back, so a grant that comes later never counts as a call in flight.
                _ = quota.ReleaseAsync(lease, default).ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
                if (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }

                grant = new QuotaGrant { RetryAfter = limits.PollInterval };
                problem = $"{ex.GetType().Name}: {ex.Message}";
            }

            if (grant.Granted)
            {
                return grant;
            }

            if (problem is null)
            {
                unavailableSince = null;
            }
            else
            {
                var now = time.GetUtcNow();
                unavailableSince ??= now;
                if (now - unavailableSince.Value >= limits.UnavailableTimeout)
                {
                    throw new HttpRequestException(string.Create(CultureInfo.InvariantCulture,
                        $"The cluster quota of '{deployment}' could not grant a call for {limits.UnavailableTimeout.TotalSeconds:0.###} s ({problem}); the call was not sent."));
                }
            }

            await Task.Delay(grant.RetryAfter, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>How long the provider asked every caller to wait, if it did.</summary>
    internal static TimeSpan? RetryAfter(HttpResponseMessage response)
    {
        var headers = response.Headers;
        if (headers.TryGetValues("retry-after-ms", out var ms) && double.TryParse(ms.FirstOrDefault(), NumberStyles.Float, CultureInfo.InvariantCulture, out var millis))
        {
            return TimeSpan.FromMilliseconds(millis);
        }

        if (headers.RetryAfter is { Delta: { } delta })
        {
            return delta;
        }

        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return TimeSpan.FromSeconds(1);
        }

        if (headers.TryGetValues("x-ratelimit-remaining-requests", out var remaining) && remaining.FirstOrDefault() == "0"
            && headers.TryGetValues("x-ratelimit-reset-requests", out var reset) && ParseReset(reset.FirstOrDefault()) is { } untilReset)
        {
            return untilReset;
        }

        return null;
    }

    /// <summary>OpenAI's reset durations: <c>1s</c>, <c>250ms</c>, <c>6m0s</c>.</summary>
    private static TimeSpan? ParseReset(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var total = TimeSpan.Zero;
        var number = 0d;
        var digits = string.Empty;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (char.IsDigit(c) || c == '.')
            {
                digits += c;
                continue;
            }

            if (!double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out number))
            {
                return null;
            }

            digits = string.Empty;
            if (c == 'm' && i + 1 < value.Length && value[i + 1] == 's')
            {
                total += TimeSpan.FromMilliseconds(number);
                i++;
            }
            else
            {
                total += c switch { 'h' => TimeSpan.FromHours(number), 'm' => TimeSpan.FromMinutes(number), 's' => TimeSpan.FromSeconds(number), _ => TimeSpan.Zero };
            }
        }

        return total;
    }
}
