using System.Globalization;
using System.Numerics;
using Microsoft.Extensions.Configuration;
using Pikumo.ImageGen.Transports.Azure;

namespace Pikumo.ImageGen;

/// <summary>
/// Binds <see cref="ImageGenOptions"/> from configuration by hand: trimming- and AOT-safe, and a value that
/// cannot be read names its key. Keys are the property names (<c>Provider</c>, <c>OpenAI:ApiKey</c>,
/// <c>Azure:Endpoint</c>, <c>Resilience:AttemptTimeout</c>…); absent keys leave the defaults.
/// </summary>
internal static class ImageGenOptionsBinder
{
    public static void Bind(IConfiguration configuration, ImageGenOptions options)
    {
        Enum<ImageProvider>(configuration, "Provider", v => options.Provider = v);
        String(configuration, "DefaultModel", v => options.DefaultModel = v);
        String(configuration, "DefaultQuality", v => options.DefaultQuality = v);
        Time(configuration, "Timeout", v => options.Timeout = v);
        Number<long>(configuration, "MaxResponseBytes", v => options.MaxResponseBytes = v);
        Number<int>(configuration, "MaxConcurrentCalls", v => options.MaxConcurrentCalls = v);
        Enum<UnsupportedParameterPolicy>(configuration, "UnsupportedParameters", v => options.UnsupportedParameters = v);
        Bool(configuration, "UseEnvironmentVariables", v => options.UseEnvironmentVariables = v);
        Bool(configuration, "RequireConsent", v => options.RequireConsent = v);
        foreach (var alias in configuration.GetSection("ModelAliases").GetChildren())
        {
            if (!string.IsNullOrWhiteSpace(alias.Value))
            {
                options.ModelAliases[alias.Key] = alias.Value;
            }
        }

        var openAI = configuration.GetSection("OpenAI");
        String(openAI, "ApiKey", v => options.OpenAI.ApiKey = v);
        Address(openAI, "BaseAddress", v => options.OpenAI.BaseAddress = v);
        String(openAI, "Organization", v => options.OpenAI.Organization = v);
        String(openAI, "Project", v => options.OpenAI.Project = v);

        var azure = configuration.GetSection("Azure");
        Address(azure, "Endpoint", v => options.Azure.Endpoint = v);
        String(azure, "ApiKey", v => options.Azure.ApiKey = v);
        String(azure, "Deployment", v => options.Azure.Deployment = v);
        Enum<AzureOpenAIRoute>(azure, "Route", v => options.Azure.Route = v);
        String(azure, "ApiVersion", v => options.Azure.ApiVersion = v);
        Time(azure, "TokenRefreshMargin", v => options.Azure.TokenRefreshMargin = v);

        var fal = configuration.GetSection("Fal");
        String(fal, "ApiKey", v => options.Fal.ApiKey = v);
        String(fal, "EditEndpoint", v => options.Fal.EditEndpoint = v);
        String(fal, "GenerateEndpoint", v => options.Fal.GenerateEndpoint = v);
        String(fal, "Model", v => options.Fal.Model = v);
        Bool(fal, "UseQueue", v => options.Fal.UseQueue = v);
        Address(fal, "QueueBaseAddress", v => options.Fal.QueueBaseAddress = v);
        Address(fal, "SyncBaseAddress", v => options.Fal.SyncBaseAddress = v);
        Address(fal, "RestBaseAddress", v => options.Fal.RestBaseAddress = v);
        Time(fal, "PollInterval", v => options.Fal.PollInterval = v);
        Time(fal, "MaxPollInterval", v => options.Fal.MaxPollInterval = v);
        Number<long>(fal, "InlineImageLimitBytes", v => options.Fal.InlineImageLimitBytes = v);
        Number<long>(fal, "MaxDownloadBytes", v => options.Fal.MaxDownloadBytes = v);
        Time(fal, "DownloadTimeout", v => options.Fal.DownloadTimeout = v);
        Bool(fal, "StoreIO", v => options.Fal.StoreIO = v);
        foreach (var host in fal.GetSection("TrustedDownloadHosts").GetChildren())
        {
            if (!string.IsNullOrWhiteSpace(host.Value))
            {
                options.Fal.TrustedDownloadHosts.Add(host.Value);
            }
        }

        var resilience = configuration.GetSection("Resilience");
        Number<int>(resilience, "MaxRetryAttempts", v => options.Resilience.MaxRetryAttempts = v);
        Time(resilience, "BaseDelay", v => options.Resilience.BaseDelay = v);
        Time(resilience, "MaxDelay", v => options.Resilience.MaxDelay = v);
        Time(resilience, "AttemptTimeout", v => options.Resilience.AttemptTimeout = v);
        Bool(resilience, "RetryUnknownOutcomes", v => options.Resilience.RetryUnknownOutcomes = v);
        Bool(resilience, "CircuitBreakerEnabled", v => options.Resilience.CircuitBreakerEnabled = v);
        Number<double>(resilience, "CircuitBreakerFailureRatio", v => options.Resilience.CircuitBreakerFailureRatio = v);
        Number<int>(resilience, "CircuitBreakerMinimumThroughput", v => options.Resilience.CircuitBreakerMinimumThroughput = v);
        Time(resilience, "CircuitBreakerSamplingDuration", v => options.Resilience.CircuitBreakerSamplingDuration = v);
        Time(resilience, "CircuitBreakerBreakDuration", v => options.Resilience.CircuitBreakerBreakDuration = v);
    }

    private static void String(IConfiguration section, string key, Action<string> set)
    {
        if (section[key] is { } value)
        {
            set(value);
        }
    }

    private delegate bool TryParser<T>(string text, out T value);

    private static void Bool(IConfiguration section, string key, Action<bool> set) =>
        Parse(section, key, "true or false", bool.TryParse, set);

    private static void Time(IConfiguration section, string key, Action<TimeSpan> set) =>
        Parse(section, key, "a time span such as 00:05:00", (string v, out TimeSpan t) => TimeSpan.TryParse(v, CultureInfo.InvariantCulture, out t), set);

    private static void Address(IConfiguration section, string key, Action<Uri> set) =>
        Parse(section, key, "an absolute URL", (string v, out Uri u) => Uri.TryCreate(v, UriKind.Absolute, out u!), set);

    private static void Number<T>(IConfiguration section, string key, Action<T> set)
        where T : struct, INumber<T> =>
        Parse(section, key, "a number", (string v, out T n) => T.TryParse(v, NumberStyles.Float | NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out n), set);

    private static void Enum<T>(IConfiguration section, string key, Action<T> set)
        where T : struct, Enum =>
        Parse(section, key, "one of " + string.Join(", ", System.Enum.GetNames<T>()), (string v, out T e) => System.Enum.TryParse(v, ignoreCase: true, out e) && System.Enum.IsDefined(e), set);

    private static void Parse<T>(IConfiguration section, string key, string expected, TryParser<T> parse, Action<T> set)
    {
        if (section[key] is not { Length: > 0 } text)
        {
            return;
        }

        if (!parse(text.Trim(), out var value))
        {
            var path = section is IConfigurationSection s ? $"{s.Path}:{key}" : key;
            throw new InvalidOperationException($"Configuration value '{path}' = '{text}' is not {expected}.");
        }

        set(value);
    }
}
