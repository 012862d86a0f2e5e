using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Hosting;

/// <summary>services.AddPikumoImageGen: options from code or configuration, validated at start-up, named clients side by side.</summary>
public sealed class ImageGenServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddPikumoImageGen_MissingKey_FailsAtStartUpNamingTheSetting()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddPikumoImageGen(o => o.UseEnvironmentVariables = false);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains(error.Failures, f => f.Contains("OpenAI:ApiKey", StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string> MissingSettings => new()
    {
        { "AzureOpenAI", "Azure:ApiKey", "Azure:Endpoint" },
        { "Fal", "Fal:ApiKey", "Fal:ApiKey" },
        { "Gemini", "Gemini:ApiKey", "GEMINI_API_KEY" },
    };

    [Theory]
    [MemberData(nameof(MissingSettings))]
    public void AddPikumoImageGen_ProviderWithoutItsSettings_NamesEachMissingSetting(string provider, string first, string second)
    {
        var services = new ServiceCollection();
        services.AddPikumoImageGen(Config(("Provider", provider), ("UseEnvironmentVariables", "false")));
        using var provider2 = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider2.GetRequiredService<ImageGenClient>());

        Assert.Contains(error.Failures, f => f.Contains(first, StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains(second, StringComparison.Ordinal));
    }

    [Fact]
    public void AddPikumoImageGen_MalformedConfigurationValue_NamesItsKey()
    {
        var services = new ServiceCollection();
        services.AddPikumoImageGen(Config(("Timeout", "five minutes"), ("OpenAI:ApiKey", "k-123456789")));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<ImageGenClient>());

        Assert.Contains("Timeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddPikumoImageGen_FromConfiguration_BindsEverySectionAndCallsTheConfiguredProvider()
    {
        var log = new RequestLog();
        await using var server = await LoopbackServer.StartAsync(async c =>
        {
            log.Add(await ReceivedRequest.ReadAsync(c.Request));
            await OpenAIResponses.WriteAsync(c, OpenAIResponses.ImagesJson([TestImages.Png()]));
        });
        var services = new ServiceCollection();
        services.AddPikumoImageGen(Config(
            ("Provider", "AzureOpenAI"),
            ("UseEnvironmentVariables", "false"),
            ("Azure:Endpoint", server.Address.ToString()),
            ("Azure:ApiKey", "azure-key-from-config-123"),
            ("Azure:Deployment", "story-deploy"),
            ("DefaultQuality", "low"),
            ("Timeout", "00:03:00"),
            ("Resilience:AttemptTimeout", "00:02:00"),
            ("Resilience:MaxRetryAttempts", "1"),
            ("ModelAliases:story-deploy", "gpt-image-2")));
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<ImageGenClient>();

        var result = await client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken);

        Assert.Equal("azure.ai.openai", client.ProviderName);
        Assert.Equal(TimeSpan.FromMinutes(3), client.Options.Timeout);
        Assert.Equal(TimeSpan.FromMinutes(2), client.Options.Resilience.AttemptTimeout);
        Assert.Equal("story-deploy", log.Only.Fields["model"]);
        Assert.Equal("low", log.Only.Fields["quality"]);
        Assert.Equal("azure-key-from-config-123", log.Only.Headers["api-key"]);
        Assert.NotNull(result.Cost); // priced through the alias to gpt-image-2
    }

    [Fact]
    public async Task AddPikumoImageGen_TwoNamedClients_LiveSideBySide()
    {
        var paths = new RequestLog();
        await using var server = await LoopbackServer.StartAsync(async c =>
        {
            paths.Add(await ReceivedRequest.ReadAsync(c.Request));
            await OpenAIResponses.WriteAsync(c, OpenAIResponses.ImagesJson([TestImages.Png()]));
        });
        var services = new ServiceCollection();
        services.AddPikumoImageGen("openai", o =>
        {
            o.UseEnvironmentVariables = false;
            o.OpenAI.ApiKey = "openai-named-key-1234567";
            o.OpenAI.BaseAddress = new Uri(server.Address, "v1/");
        });
        services.AddPikumoImageGen("azure", o =>
        {
            o.UseEnvironmentVariables = false;
            o.Provider = ImageProvider.AzureOpenAI;
            o.Azure.Endpoint = server.Address;
            o.Azure.ApiKey = "azure-named-1234567";
            o.Azure.Deployment = "d";
        });
        await using var provider = services.BuildServiceProvider();
        var openai = provider.GetRequiredKeyedService<ImageGenClient>("openai");
        var azure = provider.GetRequiredService<IImageGenClientFactory>().GetClient("azure");

        await openai.GenerateAsync(new ImageGenerateRequest("a"), TestContext.Current.CancellationToken);
        await azure.GenerateAsync(new ImageGenerateRequest("b"), TestContext.Current.CancellationToken);

        Assert.Equal(["/v1/images/generations", "/openai/v1/images/generations"], paths.Requests.Select(r => r.Path));
        Assert.Same(openai, provider.GetRequiredService<IImageGenClientFactory>().GetClient("openai"));
        Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IImageGenClientFactory>().GetClient("fal"));
    }

    [Fact]
    public async Task AddPikumoImageGenSequences_RouteClients_TheRunnerRoutesATierToANamedClient()
    {
        var services = new ServiceCollection();
        services.AddPikumoImageGen(o =>
        {
            o.UseEnvironmentVariables = false;
            o.OpenAI.ApiKey = "openai-default-key-1234567";
        });
        services.AddPikumoImageGen("fal", o =>
        {
            o.UseEnvironmentVariables = false;
            o.Provider = ImageProvider.Fal;
            o.Fal.ApiKey = "fal-named-key-1234567";
        });
        services.AddPikumoImageGenSequences("", "fal");
        await using var provider = services.BuildServiceProvider();
        var runner = provider.GetRequiredService<SequenceRunner>();
        var story = Planning.PlannerTests.Story(8) with { Preview = new SequenceTierOptions { Provider = "fal" } };

        var plan = runner.Plan(story);

        Assert.Same(provider.GetRequiredService<IImageGenClientFactory>().GetClient("fal"), Assert.Single(runner.RouteClients));
        Assert.Equal("fal", plan.Preview.Provider);
        Assert.Equal("openai", plan.Final.Provider);
        Assert.Throws<ArgumentException>(() => new SequenceRunner(provider.GetRequiredService<ImageGenClient>()).Plan(story));   // without the route: refused
        Assert.Throws<ArgumentException>("routeClientNames", () => new ServiceCollection().AddPikumoImageGenSequences("", "fal", "fal"));
    }

    [Fact]
    public void AddPikumoImageGen_HttpClient_HasInfiniteTimeoutSoResilienceOwnsTime()
    {
        var services = new ServiceCollection();
        services.AddPikumoImageGen(o => o.OpenAI.ApiKey = "test-key-1234567890");
        using var provider = services.BuildServiceProvider();

        var http = provider.GetRequiredService<IHttpClientFactory>().CreateClient("Pikumo.ImageGen");

        Assert.Equal(Timeout.InfiniteTimeSpan, http.Timeout);
    }

    [Fact]
    public void Options_ToString_NeverShowsKeys()
    {
        var options = new ImageGenOptions();
        options.OpenAI.ApiKey = Clients.ApiKey;
        options.Azure.ApiKey = Clients.ApiKey;
        options.Fal.ApiKey = Clients.ApiKey;

        foreach (var text in new[] { options.ToString(), options.OpenAI.ToString(), options.Azure.ToString(), options.Fal.ToString(), new ImageGenOptions { Provider = ImageProvider.AzureOpenAI }.ToString() })
        {
            Assert.DoesNotContain(Clients.ApiKey, text, StringComparison.Ordinal);
        }

        Assert.Contains("[REDACTED]", options.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Options_EnvironmentVariables_FillUnsetCredentialsOnly()
    {
        var options = new ImageGenOptions();
        options.OpenAI.ApiKey = "explicit-key";
        var environment = new Dictionary<string, string>
        {
            ["OPENAI_API_KEY"] = "env-openai",
            ["AZURE_OPENAI_ENDPOINT"] = "https://env.openai.azure.com/",
            ["AZURE_OPENAI_API_KEY"] = "env-azure",
            ["AZURE_OPENAI_DEPLOYMENT"] = "env-deploy",
            ["FAL_KEY_ID"] = "id",
            ["FAL_KEY_SECRET"] = "secret",
            ["GOOGLE_API_KEY"] = "env-google",
        };

        options.ApplyEnvironment(environment.GetValueOrDefault);

        Assert.Equal("explicit-key", options.OpenAI.ApiKey);
        Assert.Equal(new Uri("https://env.openai.azure.com/"), options.Azure.Endpoint);
        Assert.Equal(("env-azure", "env-deploy"), (options.Azure.ApiKey, options.Azure.Deployment));
        Assert.Equal("id:secret", options.Fal.ApiKey);
        Assert.Equal("env-google", options.Gemini.ApiKey);

        var gemini = new ImageGenOptions();
        gemini.ApplyEnvironment(new Dictionary<string, string> { ["GEMINI_API_KEY"] = "env-gemini", ["GOOGLE_API_KEY"] = "env-google" }.GetValueOrDefault);
        Assert.Equal("env-gemini", gemini.Gemini.ApiKey);
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();
}
