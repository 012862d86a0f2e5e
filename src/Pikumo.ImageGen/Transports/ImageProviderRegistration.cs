using Microsoft.Extensions.Configuration;

namespace Pikumo.ImageGen.Transports;

/// <summary>
/// A provider as a plug-in: its name (the value of <see cref="ImageGenOptions.ProviderName"/>), its settings and their
/// configuration section, how those settings are validated and read from the environment, and how its transport is
/// built. The built-in providers (OpenAI, Azure OpenAI, fal) are registrations like any other; a host adds its own with
/// <see cref="ImageProviders.Register"/>. Create one with <see cref="ImageProviderRegistration{TOptions}"/>.
/// </summary>
public abstract class ImageProviderRegistration
{
    private protected ImageProviderRegistration(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        SectionName = name;
    }

    /// <summary>The provider's name, as <see cref="ImageGenOptions.ProviderName"/> and the configuration key <c>Provider</c> spell it (compared ignoring case), for example <c>OpenAI</c>.</summary>
    public string Name { get; }

    /// <summary>The configuration section (under the client's section) its settings are bound from, and the prefix of their names in validation messages.</summary>
    /// <value>Default <see cref="Name"/>.</value>
    public string SectionName { get; init; }

    /// <summary>
    /// Whether a gateway's 502, 504 or HTML 5xx page proves the request did not run, so the library's resilience pipeline may
    /// retry it. <see langword="false"/> for providers that may pass a request on before a gateway fails (OpenAI, Azure);
    /// <see langword="true"/> for a queue whose submission answers before any job exists (fal).
    /// </summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool RetryGatewayErrors { get; init; }

    /// <summary>The settings type.</summary>
    public abstract Type OptionsType { get; }

    /// <summary>Configuration keys under the section that hold lists or maps rather than single values.</summary>
    internal IReadOnlyList<string> OpenSections { get; init; } = [];

    /// <summary>The provider's settings object within <paramref name="options"/>.</summary>
    internal abstract object SettingsOf(ImageGenOptions options);

    internal abstract void BindSection(IConfiguration clientSection, ImageGenOptions options);

    internal abstract void ValidateSettings(ImageGenOptions options, List<string> failures);

    internal abstract void ApplyEnvironment(ImageGenOptions options, Func<string, string?> environment);

    internal abstract ImageTransport CreateTransport(ImageGenOptions options, Func<HttpClient> httpClient, TimeProvider timeProvider, IServiceProvider services);

    internal abstract Uri? AddressOf(ImageGenOptions options);

    internal abstract string Describe(ImageGenOptions options);

    internal abstract void CheckKeys(IConfiguration clientSection, List<string> failures);

    /// <inheritdoc />
    public override string ToString() => $"{Name} (section {SectionName}, settings {OptionsType.Name})";
}
