using Microsoft.Extensions.Logging;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Samples;

/// <summary>
/// What a sample runs with: where it writes, and which provider it calls. With <c>OPENAI_API_KEY</c>,
/// <c>AZURE_OPENAI_ENDPOINT</c> + <c>AZURE_OPENAI_API_KEY</c> (+ <c>AZURE_OPENAI_DEPLOYMENT</c>) or <c>FAL_KEY</c> set, the
/// real provider; otherwise the offline simulator (real PNGs, the seed's latencies scaled down). Nothing else changes.
/// </summary>
public sealed class SampleContext
{
    /// <summary>Where the sample writes its report.</summary>
    public TextWriter Out { get; init; } = Console.Out;

    /// <summary>Where the sample writes its images (created if needed).</summary>
    public string OutputDirectory { get; init; } = Path.Combine(Environment.CurrentDirectory, "out");

    /// <summary>Use the simulator even when a provider key is set (the test suite sets it).</summary>
    public bool ForceOffline { get; init; }

    /// <summary>The simulator's latency scale: the seed's 45 s storyboard takes about a second at 0.02.</summary>
    public double LatencyScale { get; init; } = 0.02;

    /// <summary>Logging for the samples that show it.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>The sample reference photo (drawn by code, shipped with the samples).</summary>
    public static string ReferencePhoto => Path.Combine(AppContext.BaseDirectory, "assets", "mia-reference.png");

    /// <summary>The provider the environment selects, or <see langword="null"/> for the simulator.</summary>
    public ImageProvider? ConfiguredProvider =>
        ForceOffline ? null
        : Has("OPENAI_API_KEY") ? ImageProvider.OpenAI
        : Has("AZURE_OPENAI_ENDPOINT") && Has("AZURE_OPENAI_API_KEY") ? ImageProvider.AzureOpenAI
        : Has("FAL_KEY") ? ImageProvider.Fal
        : null;

    /// <summary>A simulator for this context (offline runs).</summary>
    /// <param name="simulate">Further simulator settings, for example a share of frames that drift.</param>
    public ImageGenSimulator CreateSimulator(Action<SimulatorOptions>? simulate = null)
    {
        var options = new SimulatorOptions { LatencyScale = LatencyScale };
        simulate?.Invoke(options);
        return new(options);
    }

    /// <summary>A client for the configured provider, or for a new simulator.</summary>
    /// <param name="configure">Further options.</param>
    /// <param name="simulate">Further simulator settings (offline only).</param>
    /// <returns>The client and a one-line description of where it goes.</returns>
    public (ImageGenClient Client, string Where) CreateClient(Action<ImageGenOptions>? configure = null, Action<SimulatorOptions>? simulate = null)
    {
        if (ConfiguredProvider is { } provider)
        {
            var options = new ImageGenOptions { Provider = provider };
            configure?.Invoke(options);
            return (new ImageGenClient(options, loggerFactory: LoggerFactory), $"{provider} (a real provider: calls cost money)");
        }

        var simulator = CreateSimulator(simulate);
        return (simulator.CreateClient(configure: configure, loggerFactory: LoggerFactory), $"the offline simulator (latency scale {LatencyScale})");
    }

    /// <summary>A folder under <see cref="OutputDirectory"/>.</summary>
    /// <param name="name">The folder name.</param>
    /// <returns>Its full path, created.</returns>
    public string Folder(string name) => Directory.CreateDirectory(Path.Combine(OutputDirectory, name)).FullName;

    private static bool Has(string variable) => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(variable));
}
