namespace Pikumo.ImageGen.Tests.Infrastructure;

/// <summary>An HttpMessageHandler that counts calls and answers a fixed images response, for tests that must prove nothing was sent.</summary>
public sealed class NoNetworkHandler : HttpMessageHandler
{
    private int _calls;

    public int Calls => _calls;

    public static (ImageGenClient Client, NoNetworkHandler Handler) CreateClient(Action<ImageGenOptions>? configure = null)
    {
        var handler = new NoNetworkHandler();
        var options = new ImageGenOptions { UseEnvironmentVariables = false };
        options.OpenAI.ApiKey = Clients.ApiKey;
        options.Resilience.MaxRetryAttempts = 0;
        configure?.Invoke(options);
        return (new ImageGenClient(options, new HttpClient(handler)), handler);
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.OK)
        {
            Content = new StringContent(OpenAIResponses.ImagesJson([TestImages.Png()]), System.Text.Encoding.UTF8, "application/json"),
        });
    }
}
