using Microsoft.Extensions.DependencyInjection;

namespace Pikumo.ImageGen.Testing;

/// <summary>Wires an <see cref="ImageGenSimulator"/> into an image client registered with <c>AddPikumoImageGen</c>.</summary>
public static class SimulatorHttpClientBuilderExtensions
{
    private const string HttpClientPrefix = "Pikumo.ImageGen";

    /// <summary>
    /// Makes the client call the simulator in process: the simulator becomes the primary handler (the library's
    /// resilience handler stays in front of it) and, for a client registered by <c>AddPikumoImageGen</c>, its
    /// options are pointed at the simulator after your configuration runs (keys and base addresses; environment
    /// variables off — see <see cref="ImageGenSimulator.ConfigureOptions"/>). The client's provider is whatever
    /// you configured. For fake time, register the simulator's <see cref="ImageGenSimulator.TimeProvider"/> as the
    /// <see cref="TimeProvider"/> service too.
    /// </summary>
    /// <param name="builder">The builder <c>AddPikumoImageGen</c> returned.</param>
    /// <param name="simulator">The simulator.</param>
    /// <returns>The builder, to chain.</returns>
    public static IHttpClientBuilder UseSimulator(this IHttpClientBuilder builder, ImageGenSimulator simulator)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(simulator);
        builder.ConfigurePrimaryHttpMessageHandler(simulator.CreateHandler);
        if (OptionsName(builder.Name) is { } name)
        {
            // Configure runs before the library's PostConfigure that reads environment variables; PostConfigure after it.
            builder.Services.Configure<ImageGenOptions>(name, o => o.UseEnvironmentVariables = false);
            builder.Services.PostConfigure<ImageGenOptions>(name, o => simulator.ConfigureOptions(o));
        }

        return builder;
    }

    /// <summary>The options name of an image client's HttpClient name (<c>Pikumo.ImageGen</c> → "", <c>Pikumo.ImageGen.{name}</c> → name).</summary>
    private static string? OptionsName(string httpClientName) =>
        httpClientName == HttpClientPrefix ? string.Empty
        : httpClientName.StartsWith(HttpClientPrefix + ".", StringComparison.Ordinal) ? httpClientName[(HttpClientPrefix.Length + 1)..]
        : null;
}
