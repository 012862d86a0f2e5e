using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Pikumo.ImageGen.Http;
using Polly;

namespace Pikumo.ImageGen;

/// <summary>The HttpClient a client builds for itself when none is injected.</summary>
internal static class ImageGenHttpClients
{
    public static HttpClient CreateDefault(ImageGenOptions options, TimeProvider timeProvider, ILogger logger, HttpMessageHandler? primaryHandler = null)
    {
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>();
        ImageGenResilience.Configure(pipeline, options.Resilience, timeProvider, logger, !(ImageProviders.TryGet(options.ProviderName, out var provider) && provider.RetryGatewayErrors));
        var handler = new ResilienceHandler(pipeline.Build())
        {
            InnerHandler = new RateLimitHandler(new RateLimitGate(timeProvider, options.Resilience.MaxDelay))
            {
                InnerHandler = primaryHandler ?? CreatePrimaryHandler(),
            },
        };

        // Resilience owns time: per attempt and per call, both sized for minutes-long image calls.
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    /// <summary>Pooled connections recycled every few minutes (DNS changes), a bounded connect, and no redirects (a redirected POST could leak the body).</summary>
    public static SocketsHttpHandler CreatePrimaryHandler() => new()
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(30),
        AllowAutoRedirect = false,
    };
}
