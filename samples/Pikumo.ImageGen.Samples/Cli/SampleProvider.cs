using Pikumo.ImageGen.Transports.Azure;

namespace Pikumo.ImageGen.Samples;

/// <summary>The providers a sample can run on (<c>--provider</c>), each live with its key or simulated without.</summary>
public enum SampleProvider
{
    /// <summary><c>openai</c>: OpenAI's API (<c>OPENAI_API_KEY</c>).</summary>
    OpenAI,

    /// <summary><c>azure</c>: Azure OpenAI on the v1 route (<c>AZURE_OPENAI_ENDPOINT</c> + <c>AZURE_OPENAI_API_KEY</c>).</summary>
    Azure,

    /// <summary><c>azure-deployment</c>: Azure OpenAI on the deployment route with an api-version (also <c>AZURE_OPENAI_DEPLOYMENT</c>).</summary>
    AzureDeployment,

    /// <summary><c>fal</c>: fal.ai's queue (<c>FAL_KEY</c>, or <c>FAL_KEY_ID</c> + <c>FAL_KEY_SECRET</c>).</summary>
    Fal,

    /// <summary><c>gemini</c>: Google's Gemini API, Nano Banana 2 (<c>GEMINI_API_KEY</c>, or <c>GOOGLE_API_KEY</c>).</summary>
    Gemini,
}

/// <summary>Names, keys and options of <see cref="SampleProvider"/>.</summary>
public static class SampleProviders
{
    /// <summary>The names <c>--provider</c> takes, in order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["openai", "azure", "azure-deployment", "fal", "gemini"];

    /// <summary>Every provider, in the order of <see cref="Names"/>.</summary>
    public static IReadOnlyList<SampleProvider> All { get; } = [SampleProvider.OpenAI, SampleProvider.Azure, SampleProvider.AzureDeployment, SampleProvider.Fal, SampleProvider.Gemini];

    /// <summary>The provider a <c>--provider</c> name stands for.</summary>
    /// <param name="name">One of <see cref="Names"/>.</param>
    /// <returns>The provider.</returns>
    public static SampleProvider Parse(string name) => All[IndexOf(name)];

    /// <summary>The <c>--provider</c> name.</summary>
    /// <param name="provider">The provider.</param>
    /// <returns>Its name.</returns>
    public static string Name(this SampleProvider provider) => Names[(int)provider];

    /// <summary>The library's provider.</summary>
    /// <param name="provider">The provider.</param>
    /// <returns>The library's provider.</returns>
    public static ImageProvider ToImageProvider(this SampleProvider provider) => provider switch
    {
        SampleProvider.OpenAI => ImageProvider.OpenAI,
        SampleProvider.Fal => ImageProvider.Fal,
        SampleProvider.Gemini => ImageProvider.Gemini,
        _ => ImageProvider.AzureOpenAI,
    };

    /// <summary>Whether the environment holds what a live call to the provider needs.</summary>
    /// <param name="provider">The provider.</param>
    /// <returns><see langword="true"/> when its key (and endpoint) are set.</returns>
    public static bool HasKey(this SampleProvider provider) => provider.HasKey(Environment.GetEnvironmentVariable);

    /// <summary>
    /// Whether <paramref name="environment"/> holds what a live call to the provider needs: the variables the library
    /// itself reads (each provider's <c>ReadEnvironment</c>), with its fallbacks (<c>FAL_KEY_ID</c> + <c>FAL_KEY_SECRET</c>
    /// for fal, <c>GOOGLE_API_KEY</c> for Gemini), so a key the library would use never leaves the sample offline.
    /// </summary>
    /// <param name="provider">The provider.</param>
    /// <param name="environment">Reads one environment variable (<see cref="Environment.GetEnvironmentVariable(string)"/>).</param>
    /// <returns><see langword="true"/> when its key (and endpoint) are set.</returns>
    public static bool HasKey(this SampleProvider provider, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        bool Has(string variable) => !string.IsNullOrWhiteSpace(environment(variable));
        return provider switch
        {
            SampleProvider.OpenAI => Has("OPENAI_API_KEY"),
            SampleProvider.Azure => Has("AZURE_OPENAI_ENDPOINT") && Has("AZURE_OPENAI_API_KEY"),
            SampleProvider.AzureDeployment => Has("AZURE_OPENAI_ENDPOINT") && Has("AZURE_OPENAI_API_KEY") && Has("AZURE_OPENAI_DEPLOYMENT"),
            SampleProvider.Fal => Has("FAL_KEY") || (Has("FAL_KEY_ID") && Has("FAL_KEY_SECRET")),
            SampleProvider.Gemini => Has("GEMINI_API_KEY") || Has("GOOGLE_API_KEY"),
            _ => false,
        };
    }

    /// <summary>What the provider needs from the environment, for messages.</summary>
    /// <param name="provider">The provider.</param>
    /// <returns>The variable names.</returns>
    public static string KeyVariables(this SampleProvider provider) => provider switch
    {
        SampleProvider.OpenAI => "OPENAI_API_KEY",
        SampleProvider.Azure => "AZURE_OPENAI_ENDPOINT and AZURE_OPENAI_API_KEY",
        SampleProvider.AzureDeployment => "AZURE_OPENAI_ENDPOINT, AZURE_OPENAI_API_KEY and AZURE_OPENAI_DEPLOYMENT",
        SampleProvider.Gemini => "GEMINI_API_KEY (or GOOGLE_API_KEY)",
        _ => "FAL_KEY (or FAL_KEY_ID and FAL_KEY_SECRET)",
    };

    /// <summary>Sets the provider (and the Azure route; on Gemini, fields it lacks are left out) on options.</summary>
    /// <param name="provider">The provider.</param>
    /// <param name="options">The options to change.</param>
    public static void Apply(this SampleProvider provider, ImageGenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Provider = provider.ToImageProvider();
        if (provider is SampleProvider.Azure or SampleProvider.AzureDeployment)
        {
            options.Azure.Route = provider == SampleProvider.AzureDeployment ? AzureOpenAIRoute.Deployment : AzureOpenAIRoute.V1;
        }

        if (provider == SampleProvider.Gemini)
        {
            // The samples ask for low quality, an output format or input fidelity, which the Gemini API has no field for:
            // leave them off and say so (ImageResult.Warnings) rather than refuse the call.
            options.UnsupportedParameters = UnsupportedParameterPolicy.Omit;
        }
    }

    private static int IndexOf(string name)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        throw new ArgumentException($"'{name}' is not one of {string.Join(", ", Names)}.", nameof(name));
    }
}
