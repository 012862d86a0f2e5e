using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Pikumo.ImageGen;

/// <summary>Builds each named client once from its options, transport and named HttpClient.</summary>
internal sealed class ImageGenClientFactory(
    IServiceProvider services,
    IOptionsMonitor<ImageGenOptions> options,
    IHttpClientFactory httpClients,
    ImageGenRegistry registry,
    TimeProvider timeProvider,
    ILoggerFactory? loggerFactory = null) : IImageGenClientFactory, IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<ImageGenClient>> _clients = new(StringComparer.Ordinal);

    public ImageGenClient GetClient(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!registry.Names.Contains(name))
        {
            throw new InvalidOperationException($"No image client is registered under the name '{name}'. Register it with services.AddPikumoImageGen(\"{name}\", …).");
        }

        return _clients.GetOrAdd(name, n => new Lazy<ImageGenClient>(() => Create(n))).Value;
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values.Where(c => c.IsValueCreated))
        {
            client.Value.Dispose();
        }
    }

    private ImageGenClient Create(string name)
    {
        var settings = options.Get(name);
        var logs = loggerFactory ?? NullLoggerFactory.Instance;
        var httpName = ImageGenRegistry.HttpClientName(name);
        var transport = ImageProviders.CreateTransport(settings, () => httpClients.CreateClient(httpName), timeProvider, services);
        return new ImageGenClient(name, transport, settings, timeProvider, logs.CreateLogger<ImageGenClient>());
    }
}
