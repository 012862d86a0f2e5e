using Microsoft.Extensions.Options;

namespace Pikumo.ImageGen;

/// <summary>
/// The cross-field rules: the chosen provider's required settings, well-formed addresses and values. Failures
/// name the setting as its configuration path (for example <c>Azure:Endpoint</c>).
/// </summary>
internal sealed class ImageGenOptionsValidator : IValidateOptions<ImageGenOptions>
{
    public ValidateOptionsResult Validate(string? name, ImageGenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        switch (options.Provider)
        {
            case ImageProvider.OpenAI:
                Require(failures, options.OpenAI.ApiKey, "OpenAI:ApiKey", "OPENAI_API_KEY");
                RequireHttpUri(failures, options.OpenAI.BaseAddress, "OpenAI:BaseAddress");
                break;
            case ImageProvider.AzureOpenAI:
                ValidateAzure(failures, options);
                break;
            case ImageProvider.Fal:
                ValidateFal(failures, options);
                break;
            case ImageProvider.Gemini:
                Require(failures, options.Gemini.ApiKey, "Gemini:ApiKey", "GEMINI_API_KEY");
                RequireHttpUri(failures, options.Gemini.BaseAddress, "Gemini:BaseAddress");
                Require(failures, options.Gemini.Model, "Gemini:Model", null);
                if (options.Gemini.MaxParallelCalls is < 1 or > 64)
                {
                    failures.Add($"Gemini:MaxParallelCalls must be between 1 and 64; it is {options.Gemini.MaxParallelCalls}.");
                }

                break;
            case ImageProvider.Custom:
                if (options.TransportFactory is null)
                {
                    failures.Add("TransportFactory is required when Provider is Custom.");
                }

                break;
            default:
                failures.Add($"Provider '{options.Provider}' is not one of OpenAI, AzureOpenAI, Fal, Gemini, Custom.");
                break;
        }

        // TimeSpan ranges live here rather than in [Range] attributes, which are not trimming-safe.
        InRange(failures, options.Timeout, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), "Timeout");
        var resilience = options.Resilience;
        InRange(failures, resilience.BaseDelay, TimeSpan.Zero, TimeSpan.FromMinutes(10), "Resilience:BaseDelay");
        InRange(failures, resilience.MaxDelay, TimeSpan.Zero, TimeSpan.FromHours(1), "Resilience:MaxDelay");
        InRange(failures, resilience.AttemptTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), "Resilience:AttemptTimeout");
        InRange(failures, resilience.CircuitBreakerSamplingDuration, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1), "Resilience:CircuitBreakerSamplingDuration");
        InRange(failures, resilience.CircuitBreakerBreakDuration, TimeSpan.FromMilliseconds(500), TimeSpan.FromDays(1), "Resilience:CircuitBreakerBreakDuration");
        if (resilience.AttemptTimeout > options.Timeout)
        {
            failures.Add($"Resilience:AttemptTimeout ({resilience.AttemptTimeout}) must not exceed Timeout ({options.Timeout}), which bounds the whole call.");
        }

        if (options.Models is null)
        {
            failures.Add("Models (the capability table) must not be null.");
        }
        else if (string.IsNullOrWhiteSpace(options.DefaultQuality))
        {
            failures.Add("DefaultQuality is required (for example 'auto' or 'low').");
        }
        else
        {
            OpenValueSettings.Check(failures, "DefaultQuality", options.DefaultQuality, OpenValueSettings.Qualities(options.Models));
        }

        if (options.Prices is null)
        {
            failures.Add("Prices (the price table) must not be null.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    public static void ThrowIfInvalid(string name, ImageGenOptions options)
    {
        var failures = new List<string>();
        foreach (var validator in new IValidateOptions<ImageGenOptions>[] { new ImageGenOptionsDataValidator(), new ImageGenOptionsValidator() })
        {
            if (validator.Validate(name, options) is { Failed: true } result)
            {
                failures.AddRange(result.Failures ?? []);
            }
        }

        if (failures.Count > 0)
        {
            throw new OptionsValidationException(name, typeof(ImageGenOptions), failures);
        }
    }

    private static void ValidateAzure(List<string> failures, ImageGenOptions options)
    {
        var azure = options.Azure;
        if (azure.Endpoint is null)
        {
            failures.Add("Azure:Endpoint is required (for example https://my-resource.openai.azure.com/), or set AZURE_OPENAI_ENDPOINT.");
        }
        else
        {
            RequireHttpUri(failures, azure.Endpoint, "Azure:Endpoint");
        }

        if (azure.TokenProvider is null)
        {
            Require(failures, azure.ApiKey, "Azure:ApiKey", "AZURE_OPENAI_API_KEY", " (or set Azure:TokenProvider for Microsoft Entra ID)");
        }

        if (azure.Route == Transports.Azure.AzureOpenAIRoute.Deployment)
        {
            Require(failures, azure.Deployment, "Azure:Deployment", "AZURE_OPENAI_DEPLOYMENT", " (the deployment route puts it in the path)");
            if (azure.ApiVersion is { } version && string.CompareOrdinal(version, Transports.Azure.AzureOpenAIProviderOptions.DefaultDeploymentApiVersion) < 0 && char.IsAsciiDigit(version.FirstOrDefault()))
            {
                failures.Add($"Azure:ApiVersion '{version}' predates image edits on the deployment route: use {Transports.Azure.AzureOpenAIProviderOptions.DefaultDeploymentApiVersion} or later (older versions answer 404).");
            }
        }

        if (azure.TokenRefreshMargin < TimeSpan.Zero)
        {
            failures.Add("Azure:TokenRefreshMargin must not be negative.");
        }
    }

    private static void ValidateFal(List<string> failures, ImageGenOptions options)
    {
        var fal = options.Fal;
        Require(failures, fal.ApiKey, "Fal:ApiKey", "FAL_KEY");
        foreach (var (value, setting) in new[] { (fal.EditEndpoint, "Fal:EditEndpoint"), (fal.GenerateEndpoint, "Fal:GenerateEndpoint") })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Trim('/').Split('/').Length < 2 || value.Contains("://", StringComparison.Ordinal))
            {
                failures.Add($"{setting} '{value}' is not a fal endpoint id of the form owner/alias[/path], for example openai/gpt-image-2/edit.");
            }
        }

        Require(failures, fal.Model, "Fal:Model", null);
        RequireHttpUri(failures, fal.QueueBaseAddress, "Fal:QueueBaseAddress");
        RequireHttpUri(failures, fal.SyncBaseAddress, "Fal:SyncBaseAddress");
        RequireHttpUri(failures, fal.RestBaseAddress, "Fal:RestBaseAddress");
        if (fal.PollInterval <= TimeSpan.Zero || fal.MaxPollInterval < fal.PollInterval)
        {
            failures.Add("Fal:PollInterval must be positive and Fal:MaxPollInterval at least as long.");
        }

        if (fal.InlineImageLimitBytes < 0 || fal.MaxDownloadBytes <= 0 || fal.DownloadTimeout <= TimeSpan.Zero)
        {
            failures.Add("Fal:InlineImageLimitBytes must not be negative; Fal:MaxDownloadBytes and Fal:DownloadTimeout must be positive.");
        }
    }

    private static void InRange(List<string> failures, TimeSpan value, TimeSpan min, TimeSpan max, string setting)
    {
        if (value < min || value > max)
        {
            failures.Add($"{setting} must be between {min} and {max}; it is {value}.");
        }
    }

    private static void Require(List<string> failures, string? value, string setting, string? environmentVariable, string? note = null)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            failures.Add($"{setting} is required{note}{(environmentVariable is null ? string.Empty : $", or set the {environmentVariable} environment variable")}.");
        }
    }

    private static void RequireHttpUri(List<string> failures, Uri? uri, string setting)
    {
        if (uri is null || !uri.IsAbsoluteUri || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"{setting} must be an absolute http(s) address; it is '{uri}'.");
        }
    }
}
