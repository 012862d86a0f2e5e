#region custom-provider-use
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pikumo.ImageGen;
using Pikumo.ImageGen.Transports;

public static class Startup
{
    // acme: AcmeProvider.Registration from the provider's folder above
    public static void AddImages(IServiceCollection services, IConfiguration configuration, ImageProviderRegistration acme)
    {
        ImageProviders.Register(acme);                           // once, at start-up
        services.AddPikumoImageGen(configuration);               // { "Provider": "Acme", "Acme": { "ApiKey": "…" } }
        // or in code: options.ProviderName = "Acme"; options.GetProviderOptions<AcmeOptions>().ApiKey = …;
    }
}
#endregion
