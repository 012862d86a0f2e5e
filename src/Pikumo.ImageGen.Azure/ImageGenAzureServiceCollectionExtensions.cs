using Azure.Core;
using Pikumo.ImageGen;
using Pikumo.ImageGen.Transports.Azure;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Microsoft Entra ID (an Azure.Core <see cref="TokenCredential"/>) for Pikumo.ImageGen clients.</summary>
public static class ImageGenAzureServiceCollectionExtensions
{
    /// <summary>
    /// Authenticates a registered image client's Azure OpenAI calls with the <see cref="TokenCredential"/> registered in
    /// the container (register one, for example <c>services.AddSingleton&lt;TokenCredential&gt;(new DefaultAzureCredential())</c>).
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The image client's name; empty for the default client.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddPikumoImageGenTokenCredential(this IServiceCollection services, string name = "")
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        services.AddOptions<ImageGenOptions>(name).Configure<TokenCredential>((options, credential) => options.Azure.UseTokenCredential(credential));
        return services;
    }
}
