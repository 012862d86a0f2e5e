using Microsoft.Extensions.Configuration;
using Pikumo.ImageGen.Internal;

namespace Pikumo.ImageGen.Transports.Fal;

/// <summary>The fal.ai provider's registration: section <c>Fal</c>, key from <c>FAL_KEY</c> (or <c>FAL_KEY_ID</c> and <c>FAL_KEY_SECRET</c>).</summary>
internal static class FalProvider
{
    public static ImageProviderRegistration<FalProviderOptions> Registration { get; } = new(nameof(ImageProvider.Fal), static context => new FalImageTransport(context))
    {
        SectionName = nameof(ImageGenOptions.Fal),
        // The queue submission answers before a job exists, so a gateway's 5xx proves nothing ran.
        RetryGatewayErrors = true,
        OpenSections = [nameof(FalProviderOptions.TrustedDownloadHosts)],
        Bind = static (section, settings) => section.Bind(settings),
        Validate = Validate,
        ReadEnvironment = static (fal, environment) => fal.ApiKey ??= SettingChecks.NonEmpty(environment("FAL_KEY"))
            ?? (SettingChecks.NonEmpty(environment("FAL_KEY_ID")) is { } id && SettingChecks.NonEmpty(environment("FAL_KEY_SECRET")) is { } secret ? $"{id}:{secret}" : null),
        Address = static fal => fal.UseQueue ? fal.QueueBaseAddress : fal.SyncBaseAddress,
        Description = static (fal, _) => fal.ToString(),
    };

    private static IEnumerable<string> Validate(FalProviderOptions fal)
    {
        var failures = new List<string>(SettingChecks.Required(fal.ApiKey, "Fal:ApiKey", "FAL_KEY"));
        foreach (var (value, setting) in new[] { (fal.EditEndpoint, "Fal:EditEndpoint"), (fal.GenerateEndpoint, "Fal:GenerateEndpoint") })
        {
            if (string.IsNullOrWhiteSpace(value) || value.Trim('/').Split('/').Length < 2 || value.Contains("://", StringComparison.Ordinal))
            {
                failures.Add($"{setting} '{value}' is not a fal endpoint id of the form owner/alias[/path], for example openai/gpt-image-2/edit.");
            }
        }

        failures.AddRange(SettingChecks.Required(fal.Model, "Fal:Model", null));
        failures.AddRange(SettingChecks.HttpUri(fal.QueueBaseAddress, "Fal:QueueBaseAddress"));
        failures.AddRange(SettingChecks.HttpUri(fal.SyncBaseAddress, "Fal:SyncBaseAddress"));
        failures.AddRange(SettingChecks.HttpUri(fal.RestBaseAddress, "Fal:RestBaseAddress"));
        failures.AddRange(SettingChecks.HttpUri(fal.PlatformBaseAddress, "Fal:PlatformBaseAddress"));
        if (fal.LostSubmissionSearch < TimeSpan.Zero)
        {
            failures.Add("Fal:LostSubmissionSearch must not be negative (zero looks once without waiting).");
        }

        if (fal.PollInterval <= TimeSpan.Zero || fal.MaxPollInterval < fal.PollInterval)
        {
            failures.Add("Fal:PollInterval must be positive and Fal:MaxPollInterval at least as long.");
        }

        if (fal.InlineImageLimitBytes < 0 || fal.MaxDownloadBytes <= 0 || fal.DownloadTimeout <= TimeSpan.Zero)
        {
            failures.Add("Fal:InlineImageLimitBytes must not be negative; Fal:MaxDownloadBytes and Fal:DownloadTimeout must be positive.");
        }

        return failures;
    }
}
