using Microsoft.Extensions.Logging;

namespace Pikumo.ImageGen.Testing;

/// <content>Options and clients pointed at the simulator.</content>
public sealed partial class ImageGenSimulator
{
    /// <summary>New options for a provider, pointed at this simulator (see <see cref="ConfigureOptions"/>).</summary>
    /// <param name="provider">The provider the client will call.</param>
    /// <param name="baseAddress">A <see cref="SimulatorServer.BaseAddress"/>, or <see langword="null"/> for in-process use.</param>
    /// <returns>The options.</returns>
    public ImageGenOptions CreateOptions(ImageProvider provider = ImageProvider.OpenAI, Uri? baseAddress = null)
    {
        var options = new ImageGenOptions { Provider = provider };
        ConfigureOptions(options, baseAddress);
        return options;
    }

    /// <summary>
    /// Points options at this simulator, for every provider at once (the <see cref="ImageGenOptions.Provider"/>
    /// is left as it is): the simulator's keys; OpenAI's base address <c>{base}v1/</c>; Azure's endpoint
    /// <c>{base}</c> (and the deployment <c>gpt-image-2</c> when none is set); fal's queue, sync and REST hosts
    /// <c>{base}fal/queue/</c>, <c>{base}fal/sync/</c>, <c>{base}fal/rest/</c>; Gemini's <c>{base}gemini/v1beta/</c>; with the simulator's host added to
    /// <see cref="Transports.Fal.FalProviderOptions.TrustedDownloadHosts"/> so result images may be fetched from it.
    /// Environment variables are switched off, so a key set on the machine never sends a call elsewhere.
    /// </summary>
    /// <param name="options">The options to change.</param>
    /// <param name="baseAddress">A <see cref="SimulatorServer.BaseAddress"/>, or <see langword="null"/> for <see cref="DefaultBaseAddress"/>.</param>
    public void ConfigureOptions(ImageGenOptions options, Uri? baseAddress = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = baseAddress ?? DefaultBaseAddress;
        options.UseEnvironmentVariables = false;
        options.OpenAI.ApiKey = Options.OpenAIApiKey;
        options.OpenAI.BaseAddress = new Uri(root, "v1/");
        options.Azure.Endpoint = root;
        options.Azure.ApiKey = Options.AzureApiKey;
        options.Azure.Deployment ??= "gpt-image-2";
        options.Gemini.ApiKey = Options.GeminiApiKey;
        options.Gemini.BaseAddress = new Uri(root, Internal.RouteMatch.GeminiPrefix);
        options.Fal.ApiKey = Options.FalApiKey;
        options.Fal.QueueBaseAddress = new Uri(root, Internal.RouteMatch.FalQueuePrefix);
        options.Fal.SyncBaseAddress = new Uri(root, Internal.RouteMatch.FalSyncPrefix);
        options.Fal.RestBaseAddress = new Uri(root, Internal.RouteMatch.FalRestPrefix);
        options.Fal.PlatformBaseAddress = new Uri(root, Internal.RouteMatch.FalPlatformPrefix);
        foreach (var host in new[] { root.Host, root.Authority }.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            if (!options.Fal.TrustedDownloadHosts.Contains(host, StringComparer.OrdinalIgnoreCase))
            {
                options.Fal.TrustedDownloadHosts.Add(host);
            }
        }
    }

    /// <summary>
    /// The one-call offline client: an <see cref="ImageGenClient"/> for a provider that talks to this simulator in
    /// process, through the library's own resilience pipeline (retries, circuit breaker, attempt timeout), on the
    /// simulator's <see cref="TimeProvider"/>.
    /// </summary>
    /// <param name="provider">The provider whose wire to speak.</param>
    /// <param name="configure">Further options (model, resilience, timeouts…), applied after the simulator's.</param>
    /// <param name="loggerFactory">Logging, or none.</param>
    /// <returns>The client; disposing it releases its HttpClient.</returns>
    public ImageGenClient CreateClient(ImageProvider provider = ImageProvider.OpenAI, Action<ImageGenOptions>? configure = null, ILoggerFactory? loggerFactory = null)
    {
        var options = CreateOptions(provider);
        configure?.Invoke(options);
        var http = ImageGenClient.CreateHttpClient(options, CreateHandler(), TimeProvider, loggerFactory);
        return new OwningClient(options, http, loggerFactory, TimeProvider);
    }

    /// <summary>An <see cref="ImageGenClient"/> that disposes the HttpClient it was given.</summary>
    private sealed class OwningClient : ImageGenClient
    {
        private readonly HttpClient _http;

        public OwningClient(ImageGenOptions options, HttpClient http, ILoggerFactory? loggerFactory, TimeProvider timeProvider)
            : base(options, http, loggerFactory, timeProvider)
        {
            _http = http;
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                _http.Dispose();
            }
        }
    }
}
