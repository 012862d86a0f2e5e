using Microsoft.Extensions.Options;
using Pikumo.ImageGen.Transports.Azure;

namespace Pikumo.ImageGen.Tests.Hosting;

/// <summary>Start-up validation, tested directly: every missing or malformed setting is named.</summary>
public sealed class OptionsValidatorTests
{
    private static ImageGenOptions Valid(ImageProvider provider)
    {
        var options = new ImageGenOptions { Provider = provider, UseEnvironmentVariables = false };
        options.OpenAI.ApiKey = "valid-openai-key-0123456789";
        options.Azure.Endpoint = new Uri("https://r.openai.azure.com/");
        options.Azure.ApiKey = "azure-valid-0123456789";
        options.Azure.Deployment = "d";
        options.Fal.ApiKey = "fal-valid-0123456789";
        options.Gemini.ApiKey = "gemini-valid-0123456789";
        return options;
    }

    public static TheoryData<ImageProvider, Action<ImageGenOptions>, string> Broken => new()
    {
        { ImageProvider.OpenAI, o => o.OpenAI.ApiKey = null, "OpenAI:ApiKey" },
        { ImageProvider.OpenAI, o => o.OpenAI.BaseAddress = new Uri("ftp://example.com/"), "OpenAI:BaseAddress" },
        { ImageProvider.AzureOpenAI, o => o.Azure.Endpoint = null, "Azure:Endpoint" },
        { ImageProvider.AzureOpenAI, o => o.Azure.Endpoint = new Uri("file:///tmp/x"), "Azure:Endpoint" },
        { ImageProvider.AzureOpenAI, o => o.Azure.ApiKey = " ", "Azure:ApiKey" },
        { ImageProvider.AzureOpenAI, o => { o.Azure.Route = AzureOpenAIRoute.Deployment; o.Azure.Deployment = null; }, "Azure:Deployment" },
        { ImageProvider.AzureOpenAI, o => { o.Azure.Route = AzureOpenAIRoute.Deployment; o.Azure.ApiVersion = "2024-10-21"; }, "Azure:ApiVersion" },
        { ImageProvider.AzureOpenAI, o => o.Azure.TokenRefreshMargin = TimeSpan.FromSeconds(-1), "Azure:TokenRefreshMargin" },
        { ImageProvider.Fal, o => o.Fal.ApiKey = null, "Fal:ApiKey" },
        { ImageProvider.Fal, o => o.Fal.EditEndpoint = "gpt-image-2", "Fal:EditEndpoint" },
        { ImageProvider.Fal, o => o.Fal.GenerateEndpoint = "https://fal.run/openai/gpt-image-2", "Fal:GenerateEndpoint" },
        { ImageProvider.Fal, o => o.Fal.PollInterval = TimeSpan.Zero, "Fal:PollInterval" },
        { ImageProvider.Fal, o => o.Fal.MaxDownloadBytes = 0, "Fal:MaxDownloadBytes" },
        { ImageProvider.Gemini, o => o.Gemini.ApiKey = null, "Gemini:ApiKey" },
        { ImageProvider.Gemini, o => o.Gemini.BaseAddress = new Uri("ftp://example.com/"), "Gemini:BaseAddress" },
        { ImageProvider.Gemini, o => o.Gemini.Model = " ", "Gemini:Model" },
        { ImageProvider.Gemini, o => o.Gemini.Model = "models/gemini-3.1-flash-image", "Gemini:Model" },
        { ImageProvider.Gemini, o => o.Gemini.MaxParallelCalls = 0, "Gemini:MaxParallelCalls" },
        { ImageProvider.Gemini, o => o.Gemini.ThinkingLevel = "max", "Gemini:ThinkingLevel" },
        { ImageProvider.Custom, _ => { }, "TransportFactory" },
        { ImageProvider.OpenAI, o => o.DefaultQuality = "", "DefaultQuality" },
        { ImageProvider.OpenAI, o => o.Timeout = TimeSpan.Zero, "Timeout" },
        { ImageProvider.OpenAI, o => o.Resilience.AttemptTimeout = TimeSpan.FromMinutes(20), "Resilience:AttemptTimeout" },
        { ImageProvider.OpenAI, o => o.Resilience.MaxDelay = TimeSpan.FromHours(2), "Resilience:MaxDelay" },
        { ImageProvider.OpenAI, o => o.Resilience.CircuitBreakerBreakDuration = TimeSpan.FromMilliseconds(1), "Resilience:CircuitBreakerBreakDuration" },
    };

    [Theory]
    [MemberData(nameof(Broken))]
    public void Validate_BrokenSetting_NamesIt(ImageProvider provider, Action<ImageGenOptions> breakIt, string setting)
    {
        var options = Valid(provider);
        breakIt(options);

        var result = new ImageGenOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures, f => f.Contains(setting, StringComparison.Ordinal));
    }

    public static TheoryData<Action<ImageGenOptions>, string> AttributeRules => new()
    {
        { o => o.MaxConcurrentCalls = 0, "MaxConcurrentCalls" },
        { o => o.MaxResponseBytes = 10, "MaxResponseBytes" },
        { o => o.Resilience.MaxRetryAttempts = 11, "MaxRetryAttempts" },
        { o => o.Resilience.CircuitBreakerFailureRatio = 0, "CircuitBreakerFailureRatio" },
        { o => o.DefaultModel = null!, "DefaultModel" },
    };

    [Theory]
    [MemberData(nameof(AttributeRules))]
    public void Validate_OutOfRangeValue_NamesIt(Action<ImageGenOptions> breakIt, string setting)
    {
        var options = Valid(ImageProvider.OpenAI);
        breakIt(options);

        var result = new ImageGenOptionsDataValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures, f => f.Contains(setting, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(ImageProvider.OpenAI)]
    [InlineData(ImageProvider.AzureOpenAI)]
    [InlineData(ImageProvider.Fal)]
    public void Validate_CompleteSettings_Pass(ImageProvider provider)
    {
        var options = Valid(provider);

        Assert.True(new ImageGenOptionsValidator().Validate(null, options).Succeeded);
        Assert.True(new ImageGenOptionsDataValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_AzureWithTokenProviderAndNoKey_Passes()
    {
        var options = Valid(ImageProvider.AzureOpenAI);
        options.Azure.ApiKey = null;
        options.Azure.TokenProvider = _ => ValueTask.FromResult(new AzureAccessToken("t", DateTimeOffset.MaxValue));

        Assert.True(new ImageGenOptionsValidator().Validate(null, options).Succeeded);
    }
}
