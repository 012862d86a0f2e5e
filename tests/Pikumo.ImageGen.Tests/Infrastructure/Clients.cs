namespace Pikumo.ImageGen.Tests.Infrastructure;

/// <summary>Clients pointed at a loopback server.</summary>
public static class Clients
{
    public const string ApiKey = "test-openai-key-THIS-IS-THE-SECRET-0123456789";

    public static ImageGenClient OpenAI(Uri server, Action<ImageGenOptions>? configure = null, TimeProvider? timeProvider = null) =>
        new(OpenAIOptions(server, configure), timeProvider: timeProvider);

    public static ImageGenOptions OpenAIOptions(Uri server, Action<ImageGenOptions>? configure = null)
    {
        var options = new ImageGenOptions { UseEnvironmentVariables = false };
        options.OpenAI.ApiKey = ApiKey;
        options.OpenAI.BaseAddress = new Uri(server, "v1/");
        options.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
        configure?.Invoke(options);
        return options;
    }
}
