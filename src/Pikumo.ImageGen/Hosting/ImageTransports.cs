using Pikumo.ImageGen.Transports;
using Pikumo.ImageGen.Transports.Azure;
using Pikumo.ImageGen.Transports.Fal;
using Pikumo.ImageGen.Transports.Gemini;
using Pikumo.ImageGen.Transports.OpenAI;

namespace Pikumo.ImageGen;

/// <summary>Builds the transport the options name.</summary>
internal static class ImageTransports
{
    public static ImageTransport Create(ImageGenOptions options, Func<HttpClient> httpClient, TimeProvider timeProvider, IServiceProvider? serviceProvider) =>
        options.Provider switch
        {
            ImageProvider.OpenAI => new OpenAIImageTransport(options.OpenAI, httpClient, timeProvider, options.MaxResponseBytes) { BodyTimeout = options.Resilience.AttemptTimeout },
            ImageProvider.AzureOpenAI => new AzureOpenAIImageTransport(options.Azure, httpClient, timeProvider, options.MaxResponseBytes) { BodyTimeout = options.Resilience.AttemptTimeout },
            ImageProvider.Fal => new FalImageTransport(options.Fal, httpClient, timeProvider, options.MaxResponseBytes) { BodyTimeout = options.Resilience.AttemptTimeout },
            ImageProvider.Gemini => new GeminiImageTransport(options.Gemini, httpClient, timeProvider, options.MaxResponseBytes) { BodyTimeout = options.Resilience.AttemptTimeout },
            ImageProvider.Custom when options.TransportFactory is not null && serviceProvider is not null => options.TransportFactory(serviceProvider),
            ImageProvider.Custom when options.TransportFactory is not null => options.TransportFactory(EmptyServiceProvider.Instance),
            _ => throw new NotSupportedException($"Provider {options.Provider} has no transport."),
        };

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public static readonly EmptyServiceProvider Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
