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
    public static IServiceCollection AddPikumoImageGenSequences(this IServiceCollection services, string clientName = "") =>
        services.AddPikumoImageGenSequences(clientName, routeClientNames: []);

    /// <summary>
    /// Registers a <see cref="SequenceRunner"/> over a registered image client whose tiers may route to other registered
    /// clients (<see cref="SequenceTierOptions.Provider"/>): each name in <paramref name="routeClientNames"/> is a client
    /// registered with <c>AddPikumoImageGen(name, …)</c>, and becomes one of the runner's
    /// <see cref="SequenceRunner.RouteClients"/>, for example the preview on a fal client and the final on the default
    /// OpenAI client.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="clientName">The image client the runner runs on; empty for the default client.</param>
    /// <param name="routeClientNames">The registered clients a tier may route to.</param>
    /// <returns>The services.</returns>
    /// <exception cref="ArgumentException">A route client's name is empty or given twice.</exception>
    public static IServiceCollection AddPikumoImageGenSequences(this IServiceCollection services, string clientName, params string[] routeClientNames)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(clientName);
        ArgumentNullException.ThrowIfNull(routeClientNames);
        for (var i = 0; i < routeClientNames.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(routeClientNames[i]) || Array.IndexOf(routeClientNames, routeClientNames[i]) != i)
            {
                throw new ArgumentException($"routeClientNames[{i}] is empty or given twice: each is the name of a client registered with AddPikumoImageGen(name, ...).", nameof(routeClientNames));
            }
        }

        string[] routes = [.. routeClientNames];
        Func<IServiceProvider, SequenceRunner> create = sp => new SequenceRunner(
            sp.GetRequiredService<IImageGenClientFactory>().GetClient(clientName),
            sp.GetService<ICompositeSlicer>(),
            sp.GetService<ILogger<SequenceRunner>>(),
            sp.GetService<TimeProvider>())
        {
            RouteClients = [.. routes.Select(name => sp.GetRequiredService<IImageGenClientFactory>().GetClient(name))],
        };
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
