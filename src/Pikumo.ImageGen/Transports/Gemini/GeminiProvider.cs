using Microsoft.Extensions.Configuration;
using Pikumo.ImageGen.Internal;

namespace Pikumo.ImageGen.Transports.Gemini;

/// <summary>The Gemini API provider's registration: section <c>Gemini</c>, key from <c>GEMINI_API_KEY</c> (or <c>GOOGLE_API_KEY</c>).</summary>
internal static class GeminiProvider
{
    public static ImageProviderRegistration<GeminiProviderOptions> Registration { get; } = new(nameof(ImageProvider.Gemini), static context => new GeminiImageTransport(context))
    {
        SectionName = nameof(ImageGenOptions.Gemini),
        Bind = static (section, settings) => section.Bind(settings),
        Validate = Validate,
        ReadEnvironment = static (settings, environment) =>
            settings.ApiKey ??= SettingChecks.NonEmpty(environment("GEMINI_API_KEY")) ?? SettingChecks.NonEmpty(environment("GOOGLE_API_KEY")),
        Address = static settings => settings.BaseAddress,
        Description = static (gemini, _) => gemini.ToString(),
    };

    private static IEnumerable<string> Validate(GeminiProviderOptions gemini)
    {
        var failures = new List<string>(SettingChecks.Required(gemini.ApiKey, "Gemini:ApiKey", "GEMINI_API_KEY"));
        failures.AddRange(SettingChecks.HttpUri(gemini.BaseAddress, "Gemini:BaseAddress"));
        failures.AddRange(SettingChecks.Required(gemini.Model, "Gemini:Model", null));
        if (gemini.Model?.Contains('/', StringComparison.Ordinal) == true || gemini.Model?.Contains(':', StringComparison.Ordinal) == true)
        {
            failures.Add($"Gemini:Model '{gemini.Model}' is not a model id (for example gemini-3.1-flash-image): it goes into models/{{model}}:generateContent, without 'models/' or a method.");
        }

        if (gemini.ThinkingLevel is { } level && level is not ("minimal" or "medium" or "high"))
        {
            failures.Add($"Gemini:ThinkingLevel '{level}' is not one of minimal, medium, high (or leave it unset).");
        }

        if (gemini.MaxParallelCalls is < 1 or > 64)
        {
            failures.Add($"Gemini:MaxParallelCalls must be between 1 and 64; it is {gemini.MaxParallelCalls}.");
        }

        return failures;
    }
}
