using Microsoft.Extensions.Logging;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Samples;

/// <summary>
/// What a sample runs with: where it writes, and which provider it calls. A provider is called for real only when
/// its key is in the environment (<c>OPENAI_API_KEY</c>; <c>AZURE_OPENAI_ENDPOINT</c> + <c>AZURE_OPENAI_API_KEY</c>
/// (+ <c>AZURE_OPENAI_DEPLOYMENT</c>); <c>FAL_KEY</c> or <c>FAL_KEY_ID</c> + <c>FAL_KEY_SECRET</c>; <c>GEMINI_API_KEY</c> or
/// <c>GOOGLE_API_KEY</c>: the variables the library reads, see <see cref="SampleProviders.HasKey(SampleProvider)"/>) and <see cref="ForceOffline"/> is off; otherwise the offline
/// simulator answers in that provider's own wire format (real PNGs, measured latencies scaled down).
/// </summary>
public sealed class SampleContext
{
    /// <summary>Where the sample writes its report.</summary>
    public TextWriter Out { get; init; } = Console.Out;

    /// <summary>Where the sample writes refusals and warnings.</summary>
    public TextWriter Error { get; init; } = Console.Error;

    /// <summary>Where the sample writes its images (created if needed).</summary>
    public string OutputDirectory { get; init; } = Path.Combine(Environment.CurrentDirectory, "out");

    /// <summary>Use the simulator even when a provider key is set (<c>--offline</c>; the test suite sets it).</summary>
    public bool ForceOffline { get; init; }

    /// <summary>The provider asked for (<c>--provider</c>); <see langword="null"/>: the first whose key is set, else OpenAI's wire on the simulator.</summary>
    public SampleProvider? Provider { get; init; }

    /// <summary>Whether the user agreed to pay for more than one call (<c>--yes</c>).</summary>
    public bool Confirmed { get; init; }

    /// <summary>The simulator's latency scale: the measured 45 s storyboard takes about a second at 0.02.</summary>
    public double LatencyScale { get; init; } = 0.02;

    /// <summary>Logging for the samples that show it.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>The sample reference photo (drawn by code, shipped with the samples).</summary>
    public static string ReferencePhoto => Path.Combine(AppContext.BaseDirectory, "assets", "mia-reference.png");

    /// <summary>The real provider this run calls, or <see langword="null"/> when it runs on the simulator.</summary>
    public SampleProvider? LiveProvider =>
        ForceOffline ? null
        : Provider is { } asked ? (asked.HasKey() ? asked : null)
        : SampleProviders.All.Where(p => p != SampleProvider.AzureDeployment).Cast<SampleProvider?>().FirstOrDefault(p => p!.Value.HasKey());

    /// <summary>Whether the run is on the simulator.</summary>
    public bool IsOffline => LiveProvider is null;

    /// <summary>The provider whose wire the run speaks, live or simulated.</summary>
    public SampleProvider Target => LiveProvider ?? Provider ?? SampleProvider.OpenAI;

    /// <summary>One line saying where calls go.</summary>
    public string Where => IsOffline
        ? $"the offline simulator, speaking {Target.Name()} (latency scale {LatencyScale}; nothing is billed)"
        : $"{Target.Name()} (a real provider: calls cost money)";

    /// <summary>A simulator for this context (offline runs).</summary>
    /// <param name="simulate">Further simulator settings, for example a share of frames that drift.</param>
    /// <returns>The simulator.</returns>
    public ImageGenSimulator CreateSimulator(Action<SimulatorOptions>? simulate = null)
    {
        var options = new SimulatorOptions { LatencyScale = LatencyScale };
        simulate?.Invoke(options);
        return new(options);
    }

    /// <summary>A client for the live provider, or for a new simulator speaking <see cref="Target"/>'s wire.</summary>
    /// <param name="configure">Further options.</param>
    /// <param name="simulate">Further simulator settings (used only offline).</param>
    /// <returns>The client.</returns>
    public ImageGenClient CreateClient(Action<ImageGenOptions>? configure = null, Action<SimulatorOptions>? simulate = null) => CreateClient(Target, configure, simulate);

    /// <summary>Whether a call to <paramref name="provider"/> would go to the real service (its key is set, no <c>--offline</c>).</summary>
    /// <param name="provider">The provider.</param>
    /// <returns><see langword="true"/> when it would cost money.</returns>
    public bool IsLive(SampleProvider provider) => !ForceOffline && provider.HasKey();

    /// <summary>A client for <paramref name="provider"/>: live when <see cref="IsLive"/>, otherwise a new simulator speaking its wire.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="configure">Further options.</param>
    /// <param name="simulate">Further simulator settings (used only offline).</param>
    /// <returns>The client.</returns>
    public ImageGenClient CreateClient(SampleProvider provider, Action<ImageGenOptions>? configure = null, Action<SimulatorOptions>? simulate = null)
    {
        if (IsLive(provider))
        {
            var options = new ImageGenOptions();
            provider.Apply(options);
            configure?.Invoke(options);
            return new ImageGenClient(options, loggerFactory: LoggerFactory);
        }

        return CreateSimulator(simulate).CreateClient(provider.ToImageProvider(), options =>
        {
            provider.Apply(options);
            configure?.Invoke(options);
        }, LoggerFactory);
    }

    /// <summary>A folder under <see cref="OutputDirectory"/>.</summary>
    /// <param name="name">The folder name.</param>
    /// <returns>Its full path, created.</returns>
    public string Folder(string name) => Directory.CreateDirectory(Path.Combine(OutputDirectory, name)).FullName;
}
