using Microsoft.Extensions.Configuration;
using Pikumo.ImageGen.Internal;

namespace Pikumo.ImageGen.Transports.Azure;

/// <summary>The Azure OpenAI provider's registration: section <c>Azure</c>, settings from <c>AZURE_OPENAI_*</c>.</summary>
internal static class AzureOpenAIProvider
{
    public static ImageProviderRegistration<AzureOpenAIProviderOptions> Registration { get; } = new(nameof(ImageProvider.AzureOpenAI), static context => new AzureOpenAIImageTransport(context))
    {
        SectionName = nameof(ImageGenOptions.Azure),
        Bind = static (section, settings) => section.Bind(settings),
        Validate = Validate,
        ReadEnvironment = ReadEnvironment,
        Address = static settings => settings.Endpoint,
        Description = static (settings, options) => $"{settings}, DefaultModel = {options.DefaultModel}",
    };

    private static IEnumerable<string> Validate(AzureOpenAIProviderOptions azure)
    {
        var failures = new List<string>();
        if (azure.Endpoint is null)
        {
            failures.Add("Azure:Endpoint is required (for example https://my-resource.openai.azure.com/), or set AZURE_OPENAI_ENDPOINT.");
        }
        else
        {
            failures.AddRange(SettingChecks.HttpUri(azure.Endpoint, "Azure:Endpoint"));
        }

        if (azure.TokenProvider is null)
        {
            failures.AddRange(SettingChecks.Required(azure.ApiKey, "Azure:ApiKey", "AZURE_OPENAI_API_KEY", " (or set Azure:TokenProvider for Microsoft Entra ID)"));
        }

        if (azure.Route == AzureOpenAIRoute.Deployment)
        {
            failures.AddRange(SettingChecks.Required(azure.Deployment, "Azure:Deployment", "AZURE_OPENAI_DEPLOYMENT", " (the deployment route puts it in the path)"));
            if (azure.ApiVersion is { } version && string.CompareOrdinal(version, AzureOpenAIProviderOptions.DefaultDeploymentApiVersion) < 0 && char.IsAsciiDigit(version.FirstOrDefault()))
            {
                failures.Add($"Azure:ApiVersion '{version}' predates image edits on the deployment route: use {AzureOpenAIProviderOptions.DefaultDeploymentApiVersion} or later (older versions answer 404).");
            }
        }

        if (azure.TokenRefreshMargin < TimeSpan.Zero)
        {
            failures.Add("Azure:TokenRefreshMargin must not be negative.");
        }

        return failures;
    }

    private static void ReadEnvironment(AzureOpenAIProviderOptions azure, Func<string, string?> environment)
    {
        azure.ApiKey ??= SettingChecks.NonEmpty(environment("AZURE_OPENAI_API_KEY"));
        azure.Deployment ??= SettingChecks.NonEmpty(environment("AZURE_OPENAI_DEPLOYMENT"));
        if (azure.Endpoint is null && Uri.TryCreate(SettingChecks.NonEmpty(environment("AZURE_OPENAI_ENDPOINT")), UriKind.Absolute, out var endpoint))
        {
            azure.Endpoint = endpoint;
        }
    }
}
