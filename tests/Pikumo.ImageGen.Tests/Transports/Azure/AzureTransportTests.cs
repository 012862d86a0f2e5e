using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;
using Pikumo.ImageGen.Transports.Azure;

namespace Pikumo.ImageGen.Tests.Transports.Azure;

/// <summary>Azure OpenAI: both routes, both auth modes, Azure's request id and error shapes.</summary>
public sealed class AzureTransportTests
{
    private const string Key = "azure-key-0123456789abcdef0123456789";

    private static ImageGenClient Client(Uri server, Action<AzureOpenAIProviderOptions> configure, TimeProvider? time = null)
    {
        var options = new ImageGenOptions { Provider = ImageProvider.AzureOpenAI, UseEnvironmentVariables = false };
        options.Azure.Endpoint = server;
        options.Azure.ApiKey = Key;
        options.Resilience.MaxRetryAttempts = 0;
        configure(options.Azure);
        return new ImageGenClient(options, timeProvider: time);
    }

    private static async Task<(LoopbackServer Server, RequestLog Log)> ServerAsync(int status = 200, string? body = null)
    {
        var log = new RequestLog();
        var server = await LoopbackServer.StartAsync(async c =>
        {
            log.Add(await ReceivedRequest.ReadAsync(c.Request));
            c.Response.Headers["apim-request-id"] = "apim-7f3c";
            await OpenAIResponses.WriteAsync(c, body ?? OpenAIResponses.ImagesJson([TestImages.Png()]), status, requestId: "x-req-1");
        });
        return (server, log);
    }

    [Fact]
    public async Task EditAsync_V1Route_PostsToOpenAIV1WithApiKeyAndTheDeploymentAsModel()
    {
        var (server, log) = await ServerAsync();
        await using var _ = server;
        using var client = Client(server.Address, a => a.Deployment = "pikumo-gpt-image-2");

        var result = await client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken);

        var request = log.Only;
        Assert.Equal("/openai/v1/images/edits", request.Path);
        Assert.Equal(string.Empty, request.Query);
        Assert.Equal(Key, request.Headers["api-key"]);
        Assert.False(request.Headers.ContainsKey("Authorization"));
        Assert.Equal("pikumo-gpt-image-2", request.Fields["model"]);
        Assert.Equal("image[]", request.Files[0].Name);
        Assert.Equal("apim-7f3c", result.RequestId);
        Assert.Equal("azure.ai.openai", result.Provider);
    }

    [Fact]
    public async Task GenerateAsync_V1RouteWithPreviewApiVersion_AddsTheQuery()
    {
        var (server, log) = await ServerAsync();
        await using var _ = server;
        using var client = Client(server.Address, a =>
        {
            a.Deployment = "img";
            a.ApiVersion = "preview";
        });

        await client.GenerateAsync(new ImageGenerateRequest("x"), TestContext.Current.CancellationToken);

        Assert.Equal(("/openai/v1/images/generations", "?api-version=preview"), (log.Only.Path, log.Only.Query));
    }

    [Fact]
    public async Task EditAsync_DeploymentRoute_PutsTheDeploymentInThePathWithApiVersionAndNoModelField()
    {
        var (server, log) = await ServerAsync();
        await using var _ = server;
        using var client = Client(server.Address, a =>
        {
            a.Route = AzureOpenAIRoute.Deployment;
            a.Deployment = "story-images";
        });

        await client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken);

        var request = log.Only;
        Assert.Equal("/openai/deployments/story-images/images/edits", request.Path);
        Assert.Equal("?api-version=2025-04-01-preview", request.Query);
        Assert.False(request.Fields.ContainsKey("model"));
    }

    [Fact]
    public async Task EditAsync_EntraTokenProvider_SendsBearerAndCachesUntilNearExpiry()
    {
        var (server, log) = await ServerAsync();
        await using var _ = server;
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));
        var issued = 0;
        using var client = Client(server.Address, a =>
        {
            a.Deployment = "img";
            a.ApiKey = null;
            a.TokenProvider = _ =>
            {
                var n = Interlocked.Increment(ref issued);
                return ValueTask.FromResult(new AzureAccessToken($"entra-token-{n}", time.GetUtcNow().AddHours(1)));
            };
        }, time);
        var request = new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png()));

        await client.EditAsync(request, TestContext.Current.CancellationToken);
        await client.EditAsync(request, TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMinutes(56)); // within the 5-minute refresh margin
        await client.EditAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(2, issued);
        Assert.Equal(["Bearer entra-token-1", "Bearer entra-token-1", "Bearer entra-token-2"], log.Requests.Select(r => r.Headers["Authorization"]));
        Assert.All(log.Requests, r => Assert.False(r.Headers.ContainsKey("api-key")));
    }

    [Fact]
    public async Task EditAsync_ContentFilterWithInnerError_BecomesContentPolicyWithTheFilteredCategories()
    {
        const string body = """
            {"error":{"code":"content_policy_violation","message":"Your request was rejected as a result of our safety system.","param":"prompt","type":"invalid_request_error",
             "inner_error":{"code":"ResponsibleAIPolicyViolation","revised_prompt":"x",
              "content_filter_results":{"sexual":{"filtered":true,"severity":"high"},"violence":{"filtered":false,"severity":"safe"},"jailbreak":{"filtered":false,"detected":false}}}}}
            """;
        var (server, _) = await ServerAsync(400, body);
        await using var _ = server;
        using var client = Client(server.Address, a => a.Deployment = "img");

        var error = await Assert.ThrowsAsync<ImageGenContentPolicyException>(() =>
            client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken));

        Assert.Equal(["sexual"], error.Categories);
        Assert.Equal("apim-7f3c", error.RequestId);
        Assert.Equal("prompt", error.Parameter);
    }

    [Fact]
    public async Task EditAsync_ContentFilterWithClassicSpelling_IsParsedToo()
    {
        const string body = """
            {"error":{"code":"content_filter","message":"filtered","innererror":{"code":"ResponsibleAIPolicyViolation","content_filter_result":{"violence":{"filtered":true,"severity":"medium"}}}}}
            """;
        var (server, _) = await ServerAsync(400, body);
        await using var _ = server;
        using var client = Client(server.Address, a => a.Deployment = "img");

        var error = await Assert.ThrowsAsync<ImageGenContentPolicyException>(() =>
            client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken));

        Assert.Equal(["violence"], error.Categories);
    }

    [Fact]
    public async Task EditAsync_ResourceNotFound_ExplainsRouteDeploymentAndApiVersion()
    {
        var (server, _) = await ServerAsync(404, """{"error":{"code":"404","message":"Resource not found"}}""");
        await using var _ = server;
        using var client = Client(server.Address, a => a.Deployment = "img");

        var error = await Assert.ThrowsAsync<ImageGenInvalidRequestException>(() =>
            client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.Contains("api-version 2025-04-01-preview", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditAsync_QuotaMessage_IsRateLimitWithRetryAfter()
    {
        var log = new RequestLog();
        await using var server = await LoopbackServer.StartAsync(c =>
        {
            c.Response.Headers["retry-after"] = "12";
            return OpenAIResponses.WriteAsync(c, """{"error":{"code":"429","message":"Requests to the Images_Edit Operation have exceeded call rate limit. Please retry after 12 seconds."}}""", 429);
        });
        using var client = Client(server.Address, a => a.Deployment = "img");

        var error = await Assert.ThrowsAsync<ImageGenRateLimitException>(() =>
            client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken));

        Assert.Equal(TimeSpan.FromSeconds(12), error.RetryAfter);
    }

    [Fact]
    public void Options_DeploymentRouteWithOldApiVersion_FailValidation()
    {
        var options = new ImageGenOptions { Provider = ImageProvider.AzureOpenAI, UseEnvironmentVariables = false };
        options.Azure.Endpoint = new Uri("https://r.openai.azure.com/");
        options.Azure.ApiKey = Key;
        options.Azure.Route = AzureOpenAIRoute.Deployment;
        options.Azure.Deployment = "img";
        options.Azure.ApiVersion = "2024-10-21";

        var error = Assert.Throws<OptionsValidationException>(() => new ImageGenClient(options));

        Assert.Contains(error.Failures, f => f.Contains("Azure:ApiVersion", StringComparison.Ordinal));
    }
}
