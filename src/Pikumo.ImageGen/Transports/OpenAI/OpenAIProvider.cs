using Microsoft.Extensions.Configuration;
using Pikumo.ImageGen.Internal;

namespace Pikumo.ImageGen.Transports.OpenAI;

/// <summary>The OpenAI provider's registration: section <c>OpenAI</c>, key from <c>OPENAI_API_KEY</c>.</summary>
internal static class OpenAIProvider
{
    public static ImageProviderRegistration<OpenAIProviderOptions> Registration { get; } = new(nameof(ImageProvider.OpenAI), static context => new OpenAIImageTransport(context))
    {
        SectionName = nameof(ImageGenOptions.OpenAI),
        Bind = static (section, settings) => section.Bind(settings),
        Validate = static settings => [
            .. SettingChecks.Required(settings.ApiKey, "OpenAI:ApiKey", "OPENAI_API_KEY"),
            .. SettingChecks.HttpUri(settings.BaseAddress, "OpenAI:BaseAddress")],
        ReadEnvironment = static (settings, environment) => settings.ApiKey ??= SettingChecks.NonEmpty(environment("OPENAI_API_KEY")),
        Address = static settings => settings.BaseAddress,
        Description = static (settings, options) => $"{settings}, DefaultModel = {options.DefaultModel}",
    };
}
