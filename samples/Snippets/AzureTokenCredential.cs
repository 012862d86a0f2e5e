#region azure-token-credential
using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pikumo.ImageGen.Transports.Azure;

public static class ImageServices
{
    // credential: new DefaultAzureCredential() from Azure.Identity (yours to add; this package needs only Azure.Core),
    // ManagedIdentityCredential, WorkloadIdentityCredential… any TokenCredential.
    public static IServiceCollection AddImages(this IServiceCollection services, IConfiguration configuration, TokenCredential credential)
    {
        services.AddPikumoImageGen(configuration.GetSection("Pikumo:ImageGen"), o => o.Azure.UseTokenCredential(credential));

        // or with the TokenCredential registered in the container (here for a second, named client):
        services.AddSingleton(credential);
        services.AddPikumoImageGen("entra", configuration.GetSection("Pikumo:ImageGen"));
        return services.AddPikumoImageGenTokenCredential("entra");
    }
}
#endregion
