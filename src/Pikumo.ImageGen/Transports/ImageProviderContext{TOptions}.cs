namespace Pikumo.ImageGen.Transports;

/// <summary>What a provider's transport is built from, with the provider's own settings.</summary>
/// <typeparam name="TOptions">The provider's settings type.</typeparam>
public sealed class ImageProviderContext<TOptions> : ImageProviderContext
    where TOptions : class
{
    internal ImageProviderContext(TOptions settings, ImageGenOptions options, Func<HttpClient> httpClient, TimeProvider timeProvider, IServiceProvider services)
        : base(options, httpClient, timeProvider, services)
    {
        Settings = settings;
    }

    /// <summary>The provider's settings for this client (bound, environment applied, validated).</summary>
    public TOptions Settings { get; }
}
