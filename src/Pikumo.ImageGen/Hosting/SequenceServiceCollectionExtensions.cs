using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Pikumo.ImageGen;
using Pikumo.ImageGen.Sequences;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the sequence runner.</summary>
public static class SequenceServiceCollectionExtensions
{
    /// <summary>
    /// Registers a <see cref="SequenceRunner"/> over a registered image client (keyed by the client's name when it has one).
    /// Its preview tier uses the registered <see cref="ICompositeSlicer"/> (add <c>Pikumo.ImageGen.Imaging</c> and call
    /// <c>AddPikumoImageGenImaging()</c>); without one, a preview run fails before any call, naming the package to add.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="clientName">The image client's name; empty for the default client.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddPikumoImageGenSequences(this IServiceCollection services, string clientName = "")
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(clientName);
        Func<IServiceProvider, SequenceRunner> create = sp => new SequenceRunner(
            sp.GetRequiredService<IImageGenClientFactory>().GetClient(clientName),
            sp.GetService<ICompositeSlicer>(),
            sp.GetService<ILogger<SequenceRunner>>(),
            sp.GetService<TimeProvider>());
        if (clientName.Length == 0)
        {
            services.TryAddSingleton(create);
        }
        else
        {
            services.TryAddKeyedSingleton(clientName, (sp, _) => create(sp));
        }

        return services;
    }
}
