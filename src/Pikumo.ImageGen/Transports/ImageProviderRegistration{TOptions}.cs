using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;

namespace Pikumo.ImageGen.Transports;

/// <summary>
/// A provider whose settings are a <typeparamref name="TOptions"/>: one object per client, reached with
/// <see cref="ImageGenOptions.GetProviderOptions{TOptions}"/>, bound from the configuration section
/// <see cref="ImageProviderRegistration.SectionName"/> by <see cref="Bind"/>, checked at start-up by <see cref="Validate"/>.
/// </summary>
/// <typeparam name="TOptions">The provider's settings; its public properties are the configuration keys of its section.</typeparam>
/// <example>
/// <code>
/// ImageProviders.Register(new ImageProviderRegistration&lt;AcmeOptions&gt;("Acme", context => new AcmeTransport(context))
/// {
///     Bind = (section, settings) => section.Bind(settings),
///     Validate = settings => settings.ApiKey is null ? ["Acme:ApiKey is required."] : [],
/// });
/// </code>
/// </example>
public sealed class ImageProviderRegistration<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicProperties | DynamicallyAccessedMemberTypes.PublicParameterlessConstructor)] TOptions> : ImageProviderRegistration
    where TOptions : class, new()
{
    private readonly Func<ImageProviderContext<TOptions>, ImageTransport> _createTransport;

    /// <summary>Creates a registration.</summary>
    /// <param name="name">The provider's name (<see cref="ImageGenOptions.ProviderName"/>).</param>
    /// <param name="createTransport">Builds the provider's transport for a client; derive it from <see cref="HttpImageTransport"/> to reuse the HTTP plumbing.</param>
    public ImageProviderRegistration(string name, Func<ImageProviderContext<TOptions>, ImageTransport> createTransport)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(createTransport);
        _createTransport = createTransport;
    }

    /// <summary>
    /// Binds the provider's configuration section into its settings, for example <c>(section, settings) =&gt; section.Bind(settings)</c>
    /// (written where <typeparamref name="TOptions"/> is known, so the configuration binding generator can bind it). When
    /// <see langword="null"/>, the settings are set in code only.
    /// </summary>
    public Action<IConfiguration, TOptions>? Bind { get; init; }

    /// <summary>Returns what is wrong with the settings, each message naming the setting as <c>Section:Key</c>; runs at start-up with the other option validators.</summary>
    public Func<TOptions, IEnumerable<string>>? Validate { get; init; }

    /// <summary>Fills unset settings from environment variables (called with a variable reader) when <see cref="ImageGenOptions.UseEnvironmentVariables"/> is on.</summary>
    public Action<TOptions, Func<string, string?>>? ReadEnvironment { get; init; }

    /// <summary>The provider's address, for metadata (<c>Microsoft.Extensions.AI</c>'s <c>ImageGeneratorMetadata.ProviderUri</c>).</summary>
    public Func<TOptions, Uri?>? Address { get; init; }

    /// <inheritdoc />
    public override Type OptionsType => typeof(TOptions);

    /// <summary>
    /// How <see cref="ImageGenOptions.ToString"/> (and so logs and debugger views) shows the settings; it must never show a
    /// key. When <see langword="null"/>, only the provider's name and the settings' type are shown: the settings' own
    /// <c>ToString</c> is never called, because a record's prints every property, keys included.
    /// </summary>
    public Func<TOptions, ImageGenOptions, string>? Description { get; init; }

    internal override object SettingsOf(ImageGenOptions options) => options.GetProviderOptions<TOptions>();

    internal override void BindSection(IConfiguration clientSection, ImageGenOptions options) =>
        Bind?.Invoke(clientSection.GetSection(SectionName), options.GetProviderOptions<TOptions>());

    internal override void ValidateSettings(ImageGenOptions options, List<string> failures)
    {
        if (Validate is { } validate)
        {
            failures.AddRange(validate(options.GetProviderOptions<TOptions>()));
        }
    }

    internal override void ApplyEnvironment(ImageGenOptions options, Func<string, string?> environment) =>
        ReadEnvironment?.Invoke(options.GetProviderOptions<TOptions>(), environment);

    internal override ImageTransport CreateTransport(ImageGenOptions options, Func<HttpClient> httpClient, TimeProvider timeProvider, IServiceProvider services) =>
        _createTransport(new ImageProviderContext<TOptions>(options.GetProviderOptions<TOptions>(), options, httpClient, timeProvider, services));

    internal override Uri? AddressOf(ImageGenOptions options) => Address?.Invoke(options.GetProviderOptions<TOptions>());

    internal override string Describe(ImageGenOptions options) =>
        Description is { } describe ? describe(options.GetProviderOptions<TOptions>(), options) : $"{Name} {{ settings {typeof(TOptions).Name} }}";

    internal override void CheckKeys(IConfiguration clientSection, List<string> failures) =>
        ImageGenConfigurationKeysValidator.Check(clientSection.GetSection(SectionName), typeof(TOptions), failures, openSections: [.. OpenSections]);
}
