using System.Collections.Concurrent;
using Pikumo.ImageGen.Transports;

namespace Pikumo.ImageGen;

/// <summary>
/// The providers a client can be configured with, by name. The built-ins (<c>OpenAI</c>, <c>AzureOpenAI</c>, <c>Fal</c>,
/// <c>Gemini</c> and <c>Custom</c>, which calls <see cref="ImageGenOptions.TransportFactory"/>) are registered from the start; a host
/// registers its own once at start-up, before clients are created, and then names it in
/// <see cref="ImageGenOptions.ProviderName"/> or in configuration (<c>"Provider": "Acme"</c>). Thread-safe.
/// </summary>
public static class ImageProviders
{
    private static readonly ConcurrentDictionary<string, ImageProviderRegistration> Registered = new(StringComparer.OrdinalIgnoreCase);

    static ImageProviders()
    {
        // The built-in providers, registered through the same call a host uses.
        foreach (var provider in (ImageProviderRegistration[])[
            Transports.OpenAI.OpenAIProvider.Registration,
            Transports.Azure.AzureOpenAIProvider.Registration,
            Transports.Fal.FalProvider.Registration,
            Transports.Gemini.GeminiProvider.Registration,
            CustomTransportProvider.Registration])
        {
            Register(provider);
        }
    }

    /// <summary>Every registered provider.</summary>
    public static IReadOnlyCollection<ImageProviderRegistration> All => [.. Registered.Values.OrderBy(p => p.Name, StringComparer.Ordinal)];

    /// <summary>
    /// Registers a provider. Registering the same registration again does nothing; another registration under a name
    /// already taken (ignoring case), or with a section or settings type another provider uses, is refused.
    /// </summary>
    /// <param name="provider">The registration.</param>
    /// <exception cref="ArgumentException">The name, section or settings type is taken by another registration.</exception>
    public static void Register(ImageProviderRegistration provider)
    {
        ArgumentNullException.ThrowIfNull(provider);
        lock (Registered)
        {
            if (Registered.TryGetValue(provider.Name, out var existing))
            {
                if (ReferenceEquals(existing, provider))
                {
                    return;
                }

                throw new ArgumentException($"A provider named '{existing.Name}' is already registered.", nameof(provider));
            }

            if (Registered.Values.FirstOrDefault(p => string.Equals(p.SectionName, provider.SectionName, StringComparison.OrdinalIgnoreCase) || p.OptionsType == provider.OptionsType) is { } clash)
            {
                throw new ArgumentException($"Provider '{provider.Name}' uses the section '{provider.SectionName}' or the settings type {provider.OptionsType.Name}, which provider '{clash.Name}' already uses.", nameof(provider));
            }

            Registered[provider.Name] = provider;
        }
    }

    /// <summary>Finds a provider by name (ignoring case).</summary>
    /// <param name="name">The name.</param>
    /// <param name="provider">The registration, when found.</param>
    /// <returns>Whether it is registered.</returns>
    public static bool TryGet(string? name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ImageProviderRegistration? provider)
    {
        provider = null;
        return name is not null && Registered.TryGetValue(name, out provider);
    }

    /// <summary>The registration <paramref name="options"/> names; throws when none is registered under the name.</summary>
    internal static ImageProviderRegistration For(ImageGenOptions options) =>
        TryGet(options.ProviderName, out var provider)
            ? provider
            : throw new NotSupportedException($"No provider is registered under the name '{options.ProviderName}'; register it with ImageProviders.Register.");

    /// <summary>Builds the transport <paramref name="options"/> names.</summary>
    internal static ImageTransport CreateTransport(ImageGenOptions options, Func<HttpClient> httpClient, TimeProvider timeProvider, IServiceProvider? services) =>
        For(options).CreateTransport(options, httpClient, timeProvider, services ?? EmptyServiceProvider.Instance);

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public static readonly EmptyServiceProvider Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
