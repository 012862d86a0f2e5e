namespace Pikumo.ImageGen.Transports;

/// <summary>What a provider's transport is built from: the client's options, its HttpClient, its clock and the host's services.</summary>
public abstract class ImageProviderContext
{
    private readonly Func<HttpClient> _httpClient;

    private protected ImageProviderContext(ImageGenOptions options, Func<HttpClient> httpClient, TimeProvider timeProvider, IServiceProvider services)
    {
        Options = options;
        _httpClient = httpClient;
        TimeProvider = timeProvider;
        Services = services;
    }

    /// <summary>The client's options (limits, timeouts, resilience).</summary>
    public ImageGenOptions Options { get; }

    /// <summary>The clock; use it for every delay and timeout.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>The host's services (empty when the client was created without dependency injection).</summary>
    public IServiceProvider Services { get; }

    /// <summary>
    /// The client's HttpClient, with the library's resilience pipeline and rate-limit handler (or the one the host supplied).
    /// Ask for it per request: under <c>IHttpClientFactory</c> each call gets a fresh client over pooled handlers.
    /// </summary>
    /// <returns>The HttpClient; do not dispose it.</returns>
    public HttpClient CreateHttpClient() => _httpClient();

    internal Func<HttpClient> HttpClientFactory => _httpClient;
}
