using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pikumo.ImageGen;
using Pikumo.ImageGen.Http;
using Polly.Telemetry;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Pikumo.ImageGen clients on <see cref="IHttpClientFactory"/>.</summary>
public static class ImageGenServiceCollectionExtensions
{
    /// <summary>
    /// Registers the default image client: <see cref="ImageGenClient"/> and <see cref="IImageGenClientFactory"/>,
    /// options validated at start-up, an HttpClient with an infinite <c>Timeout</c> and the library's resilience
    /// handler (retry only what surely did not run, circuit breaker, per-attempt timeout).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The client's <see cref="IHttpClientBuilder"/>, to add handlers (or the simulator in tests).</returns>
    public static IHttpClientBuilder AddPikumoImageGen(this IServiceCollection services, Action<ImageGenOptions>? configure = null) =>
        services.AddPikumoImageGen(Options.Options.DefaultName, configuration: null, configure);

    /// <summary>Registers the default image client with options bound from a configuration section (for example <c>Pikumo:ImageGen</c>).</summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The section.</param>
    /// <param name="configure">Further configuration applied after binding.</param>
    /// <returns>The client's <see cref="IHttpClientBuilder"/>.</returns>
    public static IHttpClientBuilder AddPikumoImageGen(this IServiceCollection services, IConfiguration configuration, Action<ImageGenOptions>? configure = null) =>
        services.AddPikumoImageGen(Options.Options.DefaultName, configuration ?? throw new ArgumentNullException(nameof(configuration)), configure);

    /// <summary>
    /// Registers a named image client (several providers side by side). Resolve it with
    /// <c>[FromKeyedServices(name)] ImageGenClient</c> or <see cref="IImageGenClientFactory.GetClient"/>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The client's name; its options, HttpClient and resilience pipeline are its own.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The client's <see cref="IHttpClientBuilder"/>.</returns>
    public static IHttpClientBuilder AddPikumoImageGen(this IServiceCollection services, string name, Action<ImageGenOptions>? configure) =>
        services.AddPikumoImageGen(name, configuration: null, configure);

    /// <summary>Registers a named image client with options bound from a configuration section.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The client's name.</param>
    /// <param name="configuration">The section, or <see langword="null"/>.</param>
    /// <param name="configure">Further configuration applied after binding.</param>
    /// <returns>The client's <see cref="IHttpClientBuilder"/>.</returns>
    public static IHttpClientBuilder AddPikumoImageGen(this IServiceCollection services, string name, IConfiguration? configuration, Action<ImageGenOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);

        var options = services.AddOptions<ImageGenOptions>(name);
        if (configuration is not null)
        {
            // Bound by the configuration binding source generator (trimming- and AOT-safe); keys no setting reads
            // are reported at start-up by the keys validator below instead of being ignored.
            options.Configure(o => ImageGenOptionsSection.Bind(configuration, o));
            services.AddSingleton<IValidateOptions<ImageGenOptions>>(new ImageGenConfigurationKeysValidator(name, configuration));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.PostConfigure(o => o.ApplyEnvironment()).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ImageGenOptions>, ImageGenOptionsDataValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ImageGenOptions>, ImageGenOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ImageGenRegistry>();
        services.TryAddSingleton<IImageGenClientFactory, ImageGenClientFactory>();
        Registry(services).Names.Add(name);

        if (name.Length == 0)
        {
            services.TryAddSingleton(sp => sp.GetRequiredService<IImageGenClientFactory>().GetClient(string.Empty));
        }

        services.AddKeyedSingleton(name, (sp, _) => sp.GetRequiredService<IImageGenClientFactory>().GetClient(name));

        var builder = services.AddHttpClient(ImageGenRegistry.HttpClientName(name))
            .ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(ImageGenHttpClients.CreatePrimaryHandler);
        builder.AddResilienceHandler("pikumo-imagegen", (pipeline, context) =>
        {
            var settings = context.GetOptions<ImageGenOptions>(name);
            var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
            var logger = (context.ServiceProvider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance).CreateLogger<ImageGenClient>();
            ImageGenResilience.Configure(pipeline, settings.Resilience, time, logger, !(ImageProviders.TryGet(settings.ProviderName, out var provider) && provider.RetryGatewayErrors));
            ImageGenResilience.ConfigureTelemetry(pipeline, context.ServiceProvider.GetService<IOptions<TelemetryOptions>>()?.Value, context.ServiceProvider.GetService<ILoggerFactory>());
        });

        // Inside the retry loop, so every attempt waits for a spent rate-limit budget to reset.
        services.AddKeyedSingleton(name, (sp, _) => new RateLimitGate(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptionsMonitor<ImageGenOptions>>().Get(name).Resilience.MaxDelay));
        builder.AddHttpMessageHandler(sp => new RateLimitHandler(sp.GetRequiredKeyedService<RateLimitGate>(name)));
        return builder;
    }

    private static ImageGenRegistry Registry(IServiceCollection services)
    {
        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(ImageGenRegistry) && d.ImplementationInstance is not null);
        if (existing?.ImplementationInstance is ImageGenRegistry registry)
        {
            return registry;
        }

        registry = new ImageGenRegistry();
        services.RemoveAll<ImageGenRegistry>();
        services.AddSingleton(registry);
        return registry;
    }
}
