using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Pikumo.ImageGen.Transports;
using Pikumo.ImageGen.Transports.Azure;
using Pikumo.ImageGen.Transports.Fal;
using Pikumo.ImageGen.Transports.Gemini;
using Pikumo.ImageGen.Transports.OpenAI;

namespace Pikumo.ImageGen;

/// <summary>
/// Settings of one image client: the provider and its credentials, defaults for requests, limits, prices,
/// the capability table and resilience. Bindable from configuration (for example a <c>Pikumo:ImageGen</c>
/// section); validated at start-up.
/// </summary>
public sealed class ImageGenOptions
{
    private ConcurrentDictionary<Type, object> _providerOptions = new();

    /// <summary>Which built-in provider the client calls; <see cref="ImageProvider.Custom"/> when <see cref="ProviderName"/> names a provider a host registered.</summary>
    /// <value>Default <see cref="ImageProvider.OpenAI"/>. Setting it sets <see cref="ProviderName"/>.</value>
    public ImageProvider Provider
    {
        get => Enum.GetValues<ImageProvider>().FirstOrDefault(p => string.Equals(p.ToString(), ProviderName, StringComparison.OrdinalIgnoreCase), ImageProvider.Custom);
        set => ProviderName = value.ToString();
    }

    /// <summary>
    /// The provider the client calls, by its registered name (<see cref="ImageProviders"/>): <c>OpenAI</c>, <c>AzureOpenAI</c>,
    /// <c>Fal</c>, <c>Gemini</c>, <c>Custom</c> or a name a host registered. The configuration key <c>Provider</c> sets it.
    /// </summary>
    /// <value>Default <c>OpenAI</c>.</value>
    [Required]
    public string ProviderName { get; set; } = nameof(ImageProvider.OpenAI);

    /// <summary>OpenAI settings.</summary>
    public OpenAIProviderOptions OpenAI
    {
        get => GetProviderOptions<OpenAIProviderOptions>();
        set => SetProviderOptions(value);
    }

    /// <summary>Azure OpenAI settings.</summary>
    public AzureOpenAIProviderOptions Azure
    {
        get => GetProviderOptions<AzureOpenAIProviderOptions>();
        set => SetProviderOptions(value);
    }

    /// <summary>fal.ai settings.</summary>
    public FalProviderOptions Fal
    {
        get => GetProviderOptions<FalProviderOptions>();
        set => SetProviderOptions(value);
    }

    /// <summary>Google Gemini API settings.</summary>
    public GeminiProviderOptions Gemini
    {
        get => GetProviderOptions<GeminiProviderOptions>();
        set => SetProviderOptions(value);
    }

    /// <summary>Builds the transport when <see cref="Provider"/> is <see cref="ImageProvider.Custom"/>.</summary>
    public Func<IServiceProvider, ImageTransport>? TransportFactory { get; set; }

    /// <summary>The model used when a request sets none (on Azure's v1 route the deployment name, if <see cref="AzureOpenAIProviderOptions.Deployment"/> is set, wins).</summary>
    /// <value>Default <c>gpt-image-2</c>.</value>
    [Required]
    public string DefaultModel { get; set; } = "gpt-image-2";

    /// <summary>The quality sent when a request sets none. It is always sent, because providers' own defaults differ (fal's is <c>high</c>).</summary>
    /// <value>Default <c>auto</c>.</value>
    [Required]
    public string DefaultQuality { get; set; } = "auto";

    /// <summary>The time limit of a whole call, retries and downloads included. Not <c>HttpClient.Timeout</c>, which is set to infinite.</summary>
    /// <value>Default 10 minutes.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The largest response body read; a bigger one is cut off with an <see cref="ImageGenProtocolException"/>.</summary>
    /// <value>Default 256 MiB (ten 4K PNGs in base64 fit).</value>
    [Range(1024L, long.MaxValue)]
    public long MaxResponseBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>The most calls this client runs at once; more wait their turn, so a burst of frames queues instead of tripping rate limits.</summary>
    /// <value>Default 8; 1–256.</value>
    [Range(1, 256)]
    public int MaxConcurrentCalls { get; set; } = 8;

    /// <summary>What to do with a parameter the model or provider does not take.</summary>
    /// <value>Default <see cref="UnsupportedParameterPolicy.Throw"/>.</value>
    public UnsupportedParameterPolicy UnsupportedParameters { get; set; } = UnsupportedParameterPolicy.Throw;

    /// <summary>
    /// Maps a model id or deployment name to the catalog model whose capabilities and prices it has, for example
    /// <c>"my-image-deployment": "gpt-image-2"</c>. The original name is what goes on the wire.
    /// </summary>
    public IDictionary<string, string> ModelAliases { get; private set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The capability table validation uses; add entries for models that appear later.</summary>
    public ImageModelCatalog Models { get; set; } = ImageModelCatalog.Default;

    /// <summary>The prices costs are computed from; override when prices change or differ for you.</summary>
    public ImagePriceTable Prices { get; set; } = ImagePriceTable.Default;

    /// <summary>
    /// Whether a 400 that names <c>input_fidelity</c> (for example <c>invalid_input_fidelity_model</c>, reported for
    /// gpt-image-2 although the spec lists the field) makes the client leave the field off and send the call once more.
    /// A 400 is not billed. The client then remembers it for the model, logs a warning and lists it in
    /// <see cref="ImageResult.Warnings"/>. Set to <see langword="false"/> to get the 400 instead.
    /// </summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool RetryWithoutRefusedInputFidelity { get; set; } = true;

    /// <summary>Retries, per-attempt timeout and circuit breaker.</summary>
    [ValidateObjectMembers]
    public ImageGenResilienceOptions Resilience { get; set; } = new();

    /// <summary>
    /// Whether every identity-locked edit (an edit whose prompt is a spec with subjects) needs a consent record in force
    /// for each subject (<see cref="Specs.PromptSpecBuilder.WithConsent"/>). Without one the call is refused with an
    /// <see cref="Privacy.ImageGenConsentRequiredException"/> before anything is sent. Plain-text edits are not checked.
    /// </summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool RequireConsent { get; set; }

    /// <summary>Whether unset keys and endpoints are read from <c>OPENAI_API_KEY</c>, <c>AZURE_OPENAI_ENDPOINT</c>, <c>AZURE_OPENAI_API_KEY</c>, <c>AZURE_OPENAI_DEPLOYMENT</c>, <c>FAL_KEY</c> and <c>GEMINI_API_KEY</c> (or <c>GOOGLE_API_KEY</c>).</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool UseEnvironmentVariables { get; set; } = true;

    /// <summary>The settings of a registered provider (<see cref="ImageProviderRegistration{TOptions}"/>), created on first use.</summary>
    /// <typeparam name="TOptions">The provider's settings type.</typeparam>
    /// <returns>This client's settings object for the provider.</returns>
    public TOptions GetProviderOptions<TOptions>()
        where TOptions : class, new() =>
        (TOptions)_providerOptions.GetOrAdd(typeof(TOptions), static _ => new TOptions());

    /// <summary>Replaces a registered provider's settings object.</summary>
    /// <typeparam name="TOptions">The provider's settings type.</typeparam>
    /// <param name="settings">The settings.</param>
    public void SetProviderOptions<TOptions>(TOptions settings)
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(settings);
        _providerOptions[typeof(TOptions)] = settings;
    }

    /// <summary>
    /// A deep copy: a client runs on its own, so it never writes into an object its caller holds (environment values,
    /// defaults) and is never changed through one afterwards. Member-wise, so a new setting needs no line here; the
    /// mutable members are replaced. Catalogs, price tables and delegates are immutable or stateless and are shared,
    /// and so are a host provider's settings that are not <see cref="ICopyableOptions"/>.
    /// </summary>
    internal ImageGenOptions Copy()
    {
        var copy = (ImageGenOptions)MemberwiseClone();
        copy._providerOptions = new(_providerOptions.Select(static entry =>
            KeyValuePair.Create(entry.Key, entry.Value is ICopyableOptions copyable ? copyable.CopyOptions() : entry.Value)));
        copy.ModelAliases = new Dictionary<string, string>(ModelAliases, StringComparer.OrdinalIgnoreCase);
        copy.Resilience = Resilience.Copy();
        return copy;
    }

    /// <inheritdoc />
    public override string ToString() => ImageProviders.TryGet(ProviderName, out var provider)
        ? $"ImageGenOptions {{ {provider.Describe(this)} }}"
        : $"ImageGenOptions {{ Provider = {ProviderName} (not registered) }}";

    /// <summary>Fills unset credentials from the conventional environment variables.</summary>
    /// <param name="environment">Reads a variable; <see cref="Environment.GetEnvironmentVariable(string)"/> by default.</param>
    internal void ApplyEnvironment(Func<string, string?>? environment = null)
    {
        if (!UseEnvironmentVariables)
        {
            return;
        }

        environment ??= Environment.GetEnvironmentVariable;
        foreach (var provider in ImageProviders.All)
        {
            provider.ApplyEnvironment(this, environment);
        }
    }

    /// <summary>The catalog model an id stands for (via <see cref="ModelAliases"/>).</summary>
    internal string CatalogModel(string model) => ModelAliases.TryGetValue(model, out var target) ? target : model;
}
