using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Transports.Azure;

namespace Pikumo.ImageGen.Tests.Hosting;

/// <summary>Pikumo.ImageGen.Azure: an Azure.Core TokenCredential authenticates Azure OpenAI calls, from code or from DI.</summary>
public sealed class AzureTokenCredentialTests
{
    [Fact]
    public async Task UseTokenCredential_SendsItsTokenForTheCognitiveServicesScope()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0, AzureAccessToken = "entra-token-for-tests" });
        var credential = new CountingCredential(simulator.TimeProvider);
        using var client = simulator.CreateClient(ImageProvider.AzureOpenAI, o => { o.Azure.ApiKey = null; o.Azure.UseTokenCredential(credential); });

        await client.GenerateAsync(new ImageGenerateRequest("a lighthouse"), TestContext.Current.CancellationToken);
        await client.GenerateAsync(new ImageGenerateRequest("a harbour"), TestContext.Current.CancellationToken);

        Assert.All(simulator.Recorder.ImageCalls, r => Assert.Equal("Bearer entra-token-for-tests", r.Headers["Authorization"]));
        Assert.Equal([AzureOpenAIProviderOptions.TokenScope], credential.Scopes);
        Assert.Equal(1, credential.Calls); // cached until shortly before it expires
    }

    [Fact]
    public void AddPikumoImageGenTokenCredential_UsesTheRegisteredCredentialAndNeedsNoKey()
    {
        var services = new ServiceCollection();
        services.AddSingleton<TokenCredential>(new CountingCredential(TimeProvider.System));
        services.AddPikumoImageGen(o =>
        {
            o.UseEnvironmentVariables = false;
            o.Provider = ImageProvider.AzureOpenAI;
            o.Azure.Endpoint = new Uri("https://resource.openai.azure.com/");
        });
        services.AddPikumoImageGenTokenCredential();
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<ImageGenClient>(); // validation passes without Azure:ApiKey

        Assert.NotNull(client.Options.Azure.TokenProvider);
    }

    [Fact]
    public void UseTokenCredential_NullCredential_ThrowsNamingIt()
    {
        Assert.Throws<ArgumentNullException>("credential", () => new AzureOpenAIProviderOptions().UseTokenCredential(null!));
    }

    private sealed class CountingCredential(TimeProvider time) : TokenCredential
    {
        public int Calls { get; private set; }

        public string[] Scopes { get; private set; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => Issue(requestContext);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => ValueTask.FromResult(Issue(requestContext));

        private AccessToken Issue(TokenRequestContext context)
        {
            Calls++;
            Scopes = context.Scopes;
            return new AccessToken("entra-token-for-tests", time.GetUtcNow().AddHours(1));
        }
    }
}
