using Microsoft.Extensions.Configuration;

namespace Pikumo.ImageGen;

/// <summary>
/// The configuration shape of <see cref="ImageGenOptions"/>'s own (top-level) settings, bound by the configuration
/// binding source generator. It exists because <see cref="ImageGenOptions"/> also holds code-only settings the generator
/// cannot bind (the capability and price tables, the transport factory); each registered provider binds its own section
/// (<see cref="Transports.ImageProviderRegistration{TOptions}.Bind"/>) and the resilience section is bound straight into its object. Every value is nullable, so an absent key keeps the default; a value
/// that cannot be converted fails at start-up naming its key (the generator's message). A test keeps this shape and
/// <see cref="ImageGenOptions"/> in step.
/// </summary>
internal sealed class ImageGenOptionsSection
{
    public string? Provider { get; set; }

    public string? ProviderName { get; set; }

    public string? DefaultModel { get; set; }

    public string? DefaultQuality { get; set; }

    public TimeSpan? Timeout { get; set; }

    public long? MaxResponseBytes { get; set; }

    public int? MaxConcurrentCalls { get; set; }

    public UnsupportedParameterPolicy? UnsupportedParameters { get; set; }

    public bool? UseEnvironmentVariables { get; set; }

    public bool? RetryWithoutRefusedInputFidelity { get; set; }

    public bool? RequireConsent { get; set; }

    public Dictionary<string, string> ModelAliases { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Binds <paramref name="configuration"/> into <paramref name="options"/> (generated code throughout).</summary>
    public static void Bind(IConfiguration configuration, ImageGenOptions options)
    {
        var section = new ImageGenOptionsSection();
        configuration.Bind(section);
        options.ProviderName = section.ProviderName ?? section.Provider ?? options.ProviderName;
        options.DefaultModel = section.DefaultModel ?? options.DefaultModel;
        options.DefaultQuality = section.DefaultQuality ?? options.DefaultQuality;
        options.Timeout = section.Timeout ?? options.Timeout;
        options.MaxResponseBytes = section.MaxResponseBytes ?? options.MaxResponseBytes;
        options.MaxConcurrentCalls = section.MaxConcurrentCalls ?? options.MaxConcurrentCalls;
        options.UnsupportedParameters = section.UnsupportedParameters ?? options.UnsupportedParameters;
        options.UseEnvironmentVariables = section.UseEnvironmentVariables ?? options.UseEnvironmentVariables;
        options.RetryWithoutRefusedInputFidelity = section.RetryWithoutRefusedInputFidelity ?? options.RetryWithoutRefusedInputFidelity;
        options.RequireConsent = section.RequireConsent ?? options.RequireConsent;
        foreach (var (alias, model) in section.ModelAliases)
        {
            if (!string.IsNullOrWhiteSpace(model))
            {
                options.ModelAliases[alias] = model;
            }
        }

        foreach (var provider in ImageProviders.All)
        {
            provider.BindSection(configuration, options);
        }

        configuration.GetSection(nameof(ImageGenOptions.Resilience)).Bind(options.Resilience);
    }
}
