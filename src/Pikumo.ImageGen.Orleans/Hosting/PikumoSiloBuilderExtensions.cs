using Microsoft.Extensions.DependencyInjection;
using Pikumo.ImageGen.Orleans;

namespace Orleans.Hosting;

/// <summary>Adds Pikumo.ImageGen's story and quota grains to a silo.</summary>
public static class PikumoSiloBuilderExtensions
{
    /// <summary>
    /// Lets the silo run stories (<see cref="IStoryGrain"/>) and quotas (<see cref="IProviderQuotaGrain"/>). The app also
    /// registers an image client with <c>AddPikumoImageGen(...).AddClusterQuota(...)</c>, a runner with
    /// <c>AddPikumoImageGenSequences()</c>, its <see cref="IStorySource"/>, and, for a cluster, a shared
    /// <c>ISequenceStore</c> (blob storage) — without one, each silo keeps stories in a local folder named by the story id.
    /// With <see cref="PikumoStoryOptions.UseInMemoryProviders"/> (the default) in-memory grain storage and reminders are
    /// registered; a production cluster turns it off and registers durable ones (see <c>docs/scale-out.md</c>).
    /// </summary>
    /// <param name="builder">The silo builder.</param>
    /// <param name="configure">Configures the options.</param>
    /// <returns>The silo builder.</returns>
    public static ISiloBuilder AddPikumoImageGenStories(this ISiloBuilder builder, Action<PikumoStoryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var options = new PikumoStoryOptions();
        configure?.Invoke(options);
        builder.Services.AddOptions<PikumoStoryOptions>().Configure(o =>
        {
            configure?.Invoke(o);
        });
        builder.Services.AddSingleton(TimeProvider.System);
        if (options.UseInMemoryProviders)
        {
            builder.AddMemoryGrainStorage(PikumoStoryOptions.StorageName);
            builder.UseInMemoryReminderService();
        }

        return builder;
    }
}
