using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Pikumo.ImageGen.AI;

/// <summary>Connects Pikumo.ImageGen to <c>Microsoft.Extensions.AI</c>.</summary>
[Experimental("MEAI001")]
public static class ImageGenClientAIExtensions
{
    /// <summary>Wraps the client as an <see cref="IImageGenerator"/>.</summary>
    /// <param name="client">The client.</param>
    /// <returns>The generator.</returns>
    public static IImageGenerator AsImageGenerator(this ImageGenClient client) => new PikumoImageGenerator(client);

    /// <summary>
    /// Registers an <see cref="IImageGenerator"/> over a registered image client (keyed by the client's name when it has
    /// one). To add Microsoft.Extensions.AI middleware instead, register it yourself:
    /// <c>services.AddImageGenerator(sp =&gt; sp.GetRequiredService&lt;ImageGenClient&gt;().AsImageGenerator()).UseLogging()</c>.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The image client's name; empty for the default client.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddPikumoImageGenerator(this IServiceCollection services, string name = "")
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length == 0)
        {
            services.TryAddSingleton<IImageGenerator>(sp => sp.GetRequiredService<IImageGenClientFactory>().GetClient(string.Empty).AsImageGenerator());
        }
        else
        {
            services.TryAddKeyedSingleton<IImageGenerator>(name, (sp, _) => sp.GetRequiredService<IImageGenClientFactory>().GetClient(name).AsImageGenerator());
        }

        return services;
    }
}
