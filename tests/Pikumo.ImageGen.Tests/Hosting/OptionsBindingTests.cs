using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pikumo.ImageGen.Tests.Infrastructure;
using Polly;
using Polly.Telemetry;

namespace Pikumo.ImageGen.Tests.Hosting;

/// <summary>
/// Options like Microsoft.Extensions: generated binding, open values and unknown keys refused at start-up, and a
/// resilience pipeline that does not log every healthy attempt at Information.
/// </summary>
public sealed class OptionsBindingTests
{
    private const string Section = "Pikumo:ImageGen";

    [Fact]
    public async Task StartAsync_MisspelledKey_FailsNamingItsPathAndTheSettingItResembles()
    {
        using var host = Host(("OpenAI:ApiKey", "openai-test-key-123"), ("DefaultQualty", "low"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        var failure = Assert.Single(error.Failures);
        Assert.Contains($"'{Section}:DefaultQualty'", failure, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'DefaultQuality'?", failure, StringComparison.Ordinal);
    }

    public static TheoryData<string, string> UnknownNestedKeys => new()
    {
        { "OpenAI:ApiKye", "ApiKey" },
        { "Azure:Deploymnet", "Deployment" },
        { "Fal:PollIntervall", "PollInterval" },
        { "Resilience:MaxRetryAttempt", "MaxRetryAttempts" },
    };

    [Theory]
    [MemberData(nameof(UnknownNestedKeys))]
    public void UnknownKeys_InAProviderOrResilienceSection_AreReported(string key, string suggestion)
    {
        var failures = ImageGenConfigurationKeysValidator.UnknownKeys(Config((key, "x")));

        var failure = Assert.Single(failures);
        Assert.Contains(key, failure, StringComparison.Ordinal);
        Assert.Contains($"'{suggestion}'", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownKeys_EveryKnownKeyAndOpenSections_AreAccepted()
    {
        var configuration = Config(
            ("Provider", "Fal"), ("DefaultModel", "gpt-image-2"), ("defaultquality", "low"), ("Timeout", "00:05:00"),
            ("MaxResponseBytes", "1048576"), ("MaxConcurrentCalls", "4"), ("UnsupportedParameters", "Omit"), ("UseEnvironmentVariables", "false"),
            ("ModelAliases:my-deployment", "gpt-image-2"), ("Fal:TrustedDownloadHosts:0", "cdn.example"), ("Azure:TokenRefreshMargin", "00:01:00"),
            ("Resilience:CircuitBreakerEnabled", "false"), ("OpenAI:Organization", "org"));

        Assert.Empty(ImageGenConfigurationKeysValidator.UnknownKeys(configuration));
    }

    [Fact]
    public void UnknownKeys_CodeOnlySettingGivenAsASection_IsReported()
    {
        var failures = ImageGenConfigurationKeysValidator.UnknownKeys(Config(("Models:0:Model", "gpt-image-9")));

        Assert.Contains(failures, f => f.Contains("Models", StringComparison.Ordinal) && f.Contains("code only", StringComparison.Ordinal));
    }

    [Fact]
    public async Task StartAsync_UnknownQuality_FailsWithTheKnownValues()
    {
        using var host = Host(("OpenAI:ApiKey", "openai-test-key-123"), ("DefaultQuality", "ultra"));

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        var failure = Assert.Single(error.Failures);
        Assert.Contains("DefaultQuality 'ultra' is not a known value", failure, StringComparison.Ordinal);
        Assert.Contains("low, medium, high, auto", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_QualityOfAModelAddedToTheCatalog_IsAccepted()
    {
        var options = new ImageGenOptions { UseEnvironmentVariables = false, DefaultQuality = "ultra" };
        options.OpenAI.ApiKey = "openai-test-key-123";
        options.Models = options.Models.With(new ImageModelCapabilities { Model = "gpt-image-9", Qualities = [new ImageQuality("ultra")] });

        Assert.False(new ImageGenOptionsValidator().Validate(null, options).Failed);
    }

    [Fact]
    public async Task StartAsync_ValidSection_BindsTopLevelProviderAndResilienceSettings()
    {
        using var host = Host(
            ("OpenAI:ApiKey", "openai-test-key-123"), ("OpenAI:BaseAddress", "http://127.0.0.1:9/v1/"), ("DefaultQuality", "LOW"),
            ("MaxConcurrentCalls", "3"), ("UnsupportedParameters", "omit"), ("Resilience:MaxRetryAttempts", "0"), ("ModelAliases:mine", "gpt-image-2"));

        await host.StartAsync(TestContext.Current.CancellationToken);
        var options = host.Services.GetRequiredService<ImageGenClient>().Options;
        await host.StopAsync(TestContext.Current.CancellationToken);

        Assert.Equal(("LOW", 3, UnsupportedParameterPolicy.Omit, 0), (options.DefaultQuality, options.MaxConcurrentCalls, options.UnsupportedParameters, options.Resilience.MaxRetryAttempts));
        Assert.Equal(new Uri("http://127.0.0.1:9/v1/"), options.OpenAI.BaseAddress);
        Assert.Equal("gpt-image-2", options.ModelAliases["MINE"]);
    }

    /// <summary>Every bindable setting of <see cref="ImageGenOptions"/> is in the generated binding's shape, or is named code-only here.</summary>
    [Fact]
    public void ConfigurationShape_CoversEveryTopLevelSetting()
    {
        string[] codeOnly = [nameof(ImageGenOptions.TransportFactory), nameof(ImageGenOptions.Models), nameof(ImageGenOptions.Prices)];
        string[] sections = [nameof(ImageGenOptions.OpenAI), nameof(ImageGenOptions.Azure), nameof(ImageGenOptions.Fal), nameof(ImageGenOptions.Gemini), nameof(ImageGenOptions.Resilience)];
        var shape = typeof(ImageGenOptionsSection).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name);

        var settings = typeof(ImageGenOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => p.Name).Except(codeOnly).Except(sections);

        Assert.Equal(settings.Order(), shape.Order());
    }

    [Fact]
    public async Task SuccessfulCall_PollyExecutionAttempt_IsNotLoggedAtInformation()
    {
        var logs = new CapturingLoggerProvider();
        await using var server = await LoopbackServer.StartAsync(c => OpenAIResponses.WriteAsync(c, OpenAIResponses.ImagesJson([TestImages.Png()])));
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        services.AddPikumoImageGen(o =>
        {
            o.UseEnvironmentVariables = false;
            o.OpenAI.ApiKey = Clients.ApiKey;
            o.OpenAI.BaseAddress = new Uri(server.Address, "v1/");
        });
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<ImageGenClient>().GenerateAsync(new ImageGenerateRequest("a lighthouse"), TestContext.Current.CancellationToken);

        var attempts = logs.Lines.Where(l => l.Contains("Execution attempt", StringComparison.Ordinal)).ToArray();
        Assert.NotEmpty(attempts); // Polly's telemetry is still there for whoever turns Debug on
        Assert.All(attempts, l => Assert.StartsWith("Debug ", l, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("ExecutionAttempt", ResilienceEventSeverity.Information, ResilienceEventSeverity.Debug)]
    [InlineData("ExecutionAttempt", ResilienceEventSeverity.Warning, ResilienceEventSeverity.Warning)]
    [InlineData("ExecutionAttempt", ResilienceEventSeverity.Error, ResilienceEventSeverity.Error)]
    [InlineData("OnRetry", ResilienceEventSeverity.Warning, ResilienceEventSeverity.Warning)]
    [InlineData("OnCircuitOpened", ResilienceEventSeverity.Error, ResilienceEventSeverity.Error)]
    public void Severity_OnlyAHealthyAttemptIsLowered(string eventName, ResilienceEventSeverity reported, ResilienceEventSeverity expected)
    {
        var args = new SeverityProviderArguments(new ResilienceTelemetrySource("p", "i", "s"), new ResilienceEvent(reported, eventName), ResilienceContextPool.Shared.Get(TestContext.Current.CancellationToken));

        Assert.Equal(expected, ImageGenResilience.Severity(args, inner: null));
    }

    private static IHost Host(params (string Key, string Value)[] values)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>($"{Section}:{v.Key}", v.Value)).Append(new($"{Section}:UseEnvironmentVariables", "false")));
        builder.Services.AddPikumoImageGen(builder.Configuration.GetSection(Section));
        return builder.Build();
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
