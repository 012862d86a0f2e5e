using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Hosting.CustomProvider;

/// <summary>A host's own provider, registered once and chosen by name, runs on the same plumbing as the built-ins: over real HTTP on 127.0.0.1.</summary>
public sealed class CustomProviderTests
{
    public CustomProviderTests() => AcmeProvider.Register();

    [Fact]
    public async Task FromConfiguration_RegisteredProvider_IsBoundValidatedAndCalledOverHttp()
    {
        JsonElement? sent = null;
        string? key = null;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            key = context.Request.Headers["X-Acme-Key"];
            sent = (await JsonDocument.ParseAsync(context.Request.Body)).RootElement.Clone();
            context.Response.Headers["x-acme-request-id"] = "acme_1";
            await OpenAIResponses.WriteAsync(context, OpenAIResponses.ImagesJson([TestImages.Png(), TestImages.Png(seed: 2)]), requestId: null);
        });
        var services = new ServiceCollection();
        services.AddPikumoImageGen(Config(("Provider", "acme"), ("UseEnvironmentVariables", "false"), ("Acme:ApiKey", "acme-test-key-0123"), ("Acme:BaseAddress", server.Address.ToString())));
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<ImageGenClient>();

        var result = await client.GenerateAsync(new ImageGenerateRequest { Prompt = "a lighthouse", Count = 2, Quality = ImageQuality.Low }, TestContext.Current.CancellationToken);

        Assert.Equal(ImageProvider.Custom, client.Options.Provider);
        Assert.Equal("acme", client.Options.ProviderName);
        Assert.Equal("acme-test-key-0123", key);
        Assert.Equal("a lighthouse", sent!.Value.GetProperty("prompt").GetString());
        Assert.Equal(2, sent.Value.GetProperty("n").GetInt32());
        Assert.Equal("low", sent.Value.GetProperty("quality").GetString());
        Assert.Equal(("acme", "acme_1", 2), (result.Provider, result.RequestId, result.Images.Count));
        Assert.NotNull(result.Usage);
        Assert.NotNull(result.Cost);
    }

    [Fact]
    public void MissingSetting_FailsValidationNamingIt()
    {
        var services = new ServiceCollection();
        services.AddPikumoImageGen(Config(("Provider", "Acme"), ("UseEnvironmentVariables", "false")));
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<ImageGenClient>());

        Assert.Contains("Acme:ApiKey is required.", error.Failures);
    }

    [Fact]
    public void MisspelledKeyInItsSection_IsReported()
    {
        var failures = ImageGenConfigurationKeysValidator.UnknownKeys(Config(("Provider", "Acme"), ("Acme:ApiKye", "x")));

        var failure = Assert.Single(failures);
        Assert.Contains("'Acme:ApiKye'", failure, StringComparison.Ordinal);
        Assert.Contains("Did you mean 'ApiKey'", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void UnregisteredName_FailsValidationListingTheRegisteredOnes()
    {
        var options = new ImageGenOptions { ProviderName = "Nobody", UseEnvironmentVariables = false };

        var error = Assert.Throws<OptionsValidationException>(() => new ImageGenClient(options));

        Assert.Contains(error.Failures, f => f.Contains("'Nobody'", StringComparison.Ordinal) && f.Contains("Acme", StringComparison.Ordinal) && f.Contains("OpenAI", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ConnectionLostAfterItsOwnBodyWentOut_ReportsTheOutcomeUnknown()
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            context.Abort();
        });
        var options = new ImageGenOptions { ProviderName = "Acme", UseEnvironmentVariables = false };
        options.GetProviderOptions<AcmeOptions>().ApiKey = "acme-test-key-0123";
        options.GetProviderOptions<AcmeOptions>().BaseAddress = server.Address;
        options.Resilience.MaxRetryAttempts = 0;
        using var client = new ImageGenClient(options);

        var error = await Assert.ThrowsAsync<ImageGenConnectionException>(() => client.GenerateAsync(new ImageGenerateRequest { Prompt = "a lighthouse" }, TestContext.Current.CancellationToken));

        Assert.True(error.OutcomeUnknown);
        Assert.DoesNotContain("acme-test-key-0123", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Register_AnotherProviderUnderATakenName_IsRefused()
    {
        var clash = new global::Pikumo.ImageGen.Transports.ImageProviderRegistration<OtherOptions>("acme", _ => throw new NotSupportedException());

        Assert.Throws<ArgumentException>(() => ImageProviders.Register(clash));
        Assert.Same(AcmeProvider.Registration, ImageProviders.TryGet("ACME", out var found) ? found : null);
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private sealed class OtherOptions;
}
