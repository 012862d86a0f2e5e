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
        if (ImageProviders.TryGet(options.ProviderName, out var provider))
        {
            provider.ValidateSettings(options, failures);
            if (provider == CustomTransportProvider.Registration && options.TransportFactory is null)
            {
                failures.Add("TransportFactory is required when Provider is Custom.");
            }
        }
        else
        {
            failures.Add($"Provider '{options.ProviderName}' is not one of {string.Join(", ", ImageProviders.All.Select(p => p.Name))}; register a provider of your own with ImageProviders.Register.");
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

    private static void InRange(List<string> failures, TimeSpan value, TimeSpan min, TimeSpan max, string setting)
    {
        if (value < min || value > max)
        {
            failures.Add($"{setting} must be between {min} and {max}; it is {value}.");
        }
    }
}
