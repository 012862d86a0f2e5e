using Pikumo.ImageGen.Transports.Azure;
using Pikumo.ImageGen.Transports.Fal;
using Pikumo.ImageGen.Transports.OpenAI;

namespace Pikumo.ImageGen;

/// <summary>
/// Deep copies of the options: a client runs on its own copy, so it never writes into an object its caller holds
/// (environment values, defaults) and is never changed through one afterwards. Catalogs, price tables and delegates
/// are immutable or stateless and are shared.
/// </summary>
internal static class ImageGenOptionsCopy
{
    public static ImageGenOptions Copy(this ImageGenOptions source)
    {
        var copy = new ImageGenOptions
        {
            ProviderName = source.ProviderName,
            TransportFactory = source.TransportFactory,
            DefaultModel = source.DefaultModel,
            DefaultQuality = source.DefaultQuality,
            Timeout = source.Timeout,
            MaxResponseBytes = source.MaxResponseBytes,
            MaxConcurrentCalls = source.MaxConcurrentCalls,
            UnsupportedParameters = source.UnsupportedParameters,
            Models = source.Models,
            Prices = source.Prices,
            RetryWithoutRefusedInputFidelity = source.RetryWithoutRefusedInputFidelity,
            Resilience = source.Resilience.Copy(),
            RequireConsent = source.RequireConsent,
            UseEnvironmentVariables = source.UseEnvironmentVariables,
        };
        foreach (var (alias, model) in source.ModelAliases)
        {
            copy.ModelAliases[alias] = model;
        }

        // A host's own provider settings are shared (their type is the host's); the built-ins are copied deeply.
        source.CopyProviderOptionsTo(copy);
        copy.OpenAI = source.OpenAI.Copy();
        copy.Azure = source.Azure.Copy();
        copy.Fal = source.Fal.Copy();
        return copy;
    }

    private static OpenAIProviderOptions Copy(this OpenAIProviderOptions source)
    {
        var copy = new OpenAIProviderOptions
        {
            ApiKey = source.ApiKey,
            BaseAddress = source.BaseAddress,
            Organization = source.Organization,
            Project = source.Project,
        };
        AddAll(copy.TrustedDownloadHosts, source.TrustedDownloadHosts);
        return copy;
    }

    private static AzureOpenAIProviderOptions Copy(this AzureOpenAIProviderOptions source)
    {
        var copy = new AzureOpenAIProviderOptions
        {
            Endpoint = source.Endpoint,
            ApiKey = source.ApiKey,
            Deployment = source.Deployment,
            Route = source.Route,
            ApiVersion = source.ApiVersion,
            TokenProvider = source.TokenProvider,
            TokenRefreshMargin = source.TokenRefreshMargin,
        };
        AddAll(copy.TrustedDownloadHosts, source.TrustedDownloadHosts);
        return copy;
    }

    private static FalProviderOptions Copy(this FalProviderOptions source)
    {
        var copy = new FalProviderOptions
        {
            ApiKey = source.ApiKey,
            EditEndpoint = source.EditEndpoint,
            GenerateEndpoint = source.GenerateEndpoint,
            Model = source.Model,
            UseQueue = source.UseQueue,
            QueueBaseAddress = source.QueueBaseAddress,
            SyncBaseAddress = source.SyncBaseAddress,
            RestBaseAddress = source.RestBaseAddress,
            PollInterval = source.PollInterval,
            MaxPollInterval = source.MaxPollInterval,
            InlineImageLimitBytes = source.InlineImageLimitBytes,
            MaxDownloadBytes = source.MaxDownloadBytes,
            DownloadTimeout = source.DownloadTimeout,
            StoreIO = source.StoreIO,
            PlatformBaseAddress = source.PlatformBaseAddress,
            LostSubmissionSearch = source.LostSubmissionSearch,
        };
        AddAll(copy.TrustedDownloadHosts, source.TrustedDownloadHosts);
        return copy;
    }

    private static ImageGenResilienceOptions Copy(this ImageGenResilienceOptions source) => new()
    {
        MaxRetryAttempts = source.MaxRetryAttempts,
        BaseDelay = source.BaseDelay,
        MaxDelay = source.MaxDelay,
        AttemptTimeout = source.AttemptTimeout,
        RetryUnknownOutcomes = source.RetryUnknownOutcomes,
        CircuitBreakerEnabled = source.CircuitBreakerEnabled,
        CircuitBreakerFailureRatio = source.CircuitBreakerFailureRatio,
        CircuitBreakerMinimumThroughput = source.CircuitBreakerMinimumThroughput,
        CircuitBreakerSamplingDuration = source.CircuitBreakerSamplingDuration,
        CircuitBreakerBreakDuration = source.CircuitBreakerBreakDuration,
    };

    private static void AddAll(IList<string> target, IList<string> source)
    {
        foreach (var item in source)
        {
            target.Add(item);
        }
    }
}
