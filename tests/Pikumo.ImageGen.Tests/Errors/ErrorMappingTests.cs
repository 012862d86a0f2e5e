using System.Net;
using Microsoft.AspNetCore.Http;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Errors;

/// <summary>Every error shape of api/openai.md becomes its typed exception, with status, code and request id, and never the key.</summary>
public sealed class ErrorMappingTests
{
    private static async Task<TException> FailsWithAsync<TException>(Func<HttpContext, Task> answer, Action<ImageGenOptions>? configure = null, int count = 1)
        where TException : ImageGenException
    {
        await using var server = await LoopbackServer.StartAsync(answer);
        using var client = Clients.OpenAI(server.Address, o =>
        {
            o.Resilience.MaxRetryAttempts = 0;
            configure?.Invoke(o);
        });
        var error = await Assert.ThrowsAsync<TException>(() =>
            client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())) { Count = count }, TestContext.Current.CancellationToken));
        Assert.DoesNotContain(Clients.ApiKey, error.ToString(), StringComparison.Ordinal);
        Assert.Equal("openai", error.Provider);
        return error;
    }

    [Fact]
    public async Task InvalidRequestError_BecomesInvalidRequestExceptionWithParamCodeAndRequestId()
    {
        var error = await FailsWithAsync<ImageGenInvalidRequestException>(c => OpenAIResponses.WriteAsync(
            c, OpenAIResponses.Error("Invalid value: 'huge'. Supported values are: 'low', 'medium', 'high' and 'auto'.", "invalid_request_error", "invalid_value", "quality"), 400));
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("invalid_value", error.ErrorCode);
        Assert.Equal("invalid_request_error", error.ErrorType);
        Assert.Equal("quality", error.Parameter);
        Assert.Equal("req_test_123", error.RequestId);
        Assert.Contains("Invalid value: 'huge'", error.Message, StringComparison.Ordinal);
        Assert.Contains("req_test_123", error.Message, StringComparison.Ordinal);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task ModerationBlocked_WithModerationDetails_BecomesContentPolicyWithCategoriesAndStage()
    {
        const string body = """
            {"error":{"message":"Your request was rejected by the safety system.","type":"image_generation_user_error","param":null,"code":"moderation_blocked",
             "moderation_details":{"moderation_stage":"output","categories":["sexual","violence"]}}}
            """;
        var error = await FailsWithAsync<ImageGenContentPolicyException>(c => OpenAIResponses.WriteAsync(c, body, 400));
        Assert.Equal("moderation_blocked", error.ErrorCode);
        Assert.Equal(["sexual", "violence"], error.Categories);
        Assert.Equal("output", error.Stage);
        Assert.False(error.IsTransient);
    }

    [Fact]
    public async Task ModerationBlocked_WithSafetyViolationsInTheMessage_ParsesTheCategories()
    {
        var body = OpenAIResponses.Error("Your request was rejected by the safety system. include the request ID abc. safety_violations=[sexual, self-harm].", "image_generation_user_error", "moderation_blocked");
        var error = await FailsWithAsync<ImageGenContentPolicyException>(c => OpenAIResponses.WriteAsync(c, body, 400));
        Assert.Equal(["sexual", "self-harm"], error.Categories);
    }

    [Fact]
    public async Task LegacyContentPolicyViolation_BecomesContentPolicy() =>
        await FailsWithAsync<ImageGenContentPolicyException>(c => OpenAIResponses.WriteAsync(
            c, OpenAIResponses.Error("Your request was rejected as a result of our safety system.", "invalid_request_error", "content_policy_violation"), 400));

    [Fact]
    public async Task InvalidApiKey_BecomesAuthenticationAndTheEchoedKeyIsRedacted()
    {
        var error = await FailsWithAsync<ImageGenAuthenticationException>(c => OpenAIResponses.WriteAsync(
            c, OpenAIResponses.Error($"Incorrect API key provided: {Clients.ApiKey}.", "invalid_request_error", "invalid_api_key"), 401));
        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Contains("[REDACTED]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forbidden_BecomesAuthentication() =>
        await FailsWithAsync<ImageGenAuthenticationException>(c => OpenAIResponses.WriteAsync(
            c, OpenAIResponses.Error("Your organization must be verified to use the model.", "invalid_request_error", null), 403));

    [Fact]
    public async Task ModelNotFound_BecomesInvalidRequest()
    {
        var error = await FailsWithAsync<ImageGenInvalidRequestException>(c => OpenAIResponses.WriteAsync(
            c, OpenAIResponses.Error("The model 'gpt-image-9' does not exist.", "invalid_request_error", "model_not_found", "model"), 404));
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task PayloadTooLarge_BecomesInvalidRequest() =>
        await FailsWithAsync<ImageGenInvalidRequestException>(c => OpenAIResponses.WriteAsync(c, "request entity too large", 413, "text/plain"));

    [Fact]
    public async Task RateLimited_BecomesTransientRateLimitWithRetryAfterMs()
    {
        var error = await FailsWithAsync<ImageGenRateLimitException>(c => OpenAIResponses.WriteAsync(
            c, OpenAIResponses.Error("Rate limit reached for images per minute.", "requests", "rate_limit_exceeded"), 429,
            headers: new Dictionary<string, string> { ["retry-after-ms"] = "2500", ["retry-after"] = "3" }));
        Assert.True(error.IsTransient);
        Assert.False(error.IsQuotaExhausted);
        Assert.Equal(TimeSpan.FromMilliseconds(2500), error.RetryAfter);
    }

    [Fact]
    public async Task RateLimited_WithRetryAfterSecondsOnly_ReadsSeconds()
    {
        var error = await FailsWithAsync<ImageGenRateLimitException>(c => OpenAIResponses.WriteAsync(
            c, OpenAIResponses.Error("slow down", "requests", "rate_limit_exceeded"), 429, headers: new Dictionary<string, string> { ["retry-after"] = "7" }));
        Assert.Equal(TimeSpan.FromSeconds(7), error.RetryAfter);
    }

    [Fact]
    public async Task InsufficientQuota_IsNotTransientAndNotRetried()
    {
        var calls = 0;
        var error = await FailsWithAsync<ImageGenRateLimitException>(
            c =>
            {
                Interlocked.Increment(ref calls);
                return OpenAIResponses.WriteAsync(c, OpenAIResponses.Error("You exceeded your current quota.", "insufficient_quota", "insufficient_quota"), 429);
            },
            o => o.Resilience.MaxRetryAttempts = 3);
        Assert.True(error.IsQuotaExhausted);
        Assert.False(error.IsTransient);
        Assert.Equal(1, calls);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task ServerError_BecomesTransientServerException(int status)
    {
        var error = await FailsWithAsync<ImageGenServerException>(c => OpenAIResponses.WriteAsync(c, OpenAIResponses.Error("The server had an error.", "server_error", null), status));
        Assert.Equal(status, (int)error.StatusCode);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task ProxyHtmlPage_BecomesServerExceptionSayingItWasHtml()
    {
        var error = await FailsWithAsync<ImageGenServerException>(c => OpenAIResponses.WriteAsync(
            c, "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>", 502, "text/html", requestId: null));
        Assert.Contains("HTML page", error.Message, StringComparison.Ordinal);
        Assert.Contains("502 Bad Gateway", error.Message, StringComparison.Ordinal);
        Assert.Null(error.RequestId);
    }

    [Fact]
    public async Task TruncatedJson_BecomesProtocolExceptionWithRequestId()
    {
        var json = OpenAIResponses.ImagesJson([TestImages.Png()]);
        var error = await FailsWithAsync<ImageGenProtocolException>(c => OpenAIResponses.WriteAsync(c, json[..(json.Length / 2)]));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.Equal("req_test_123", error.RequestId);
        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
    }

    [Fact]
    public async Task InvalidBase64_BecomesProtocolException()
    {
        var error = await FailsWithAsync<ImageGenProtocolException>(c => OpenAIResponses.WriteAsync(c, """{"created":1,"data":[{"b64_json":"not*base64*at*all!"}]}"""));
        Assert.Contains("base64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HtmlWithStatus200_BecomesProtocolExceptionNamingTheContentType()
    {
        var error = await FailsWithAsync<ImageGenProtocolException>(c => OpenAIResponses.WriteAsync(c, "<html><body>Welcome to the captive portal</body></html>", 200, "text/html"));
        Assert.Contains("text/html", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ErrorObjectWithStatus200_BecomesProtocolException()
    {
        var error = await FailsWithAsync<ImageGenProtocolException>(c => OpenAIResponses.WriteAsync(c, OpenAIResponses.Error("internal failure", "server_error", "boom")));
        Assert.Contains("internal failure", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FewerImagesThanAsked_BecomesProtocolExceptionThatKeepsThePaidImages()
    {
        var images = new[] { TestImages.Png(seed: 1), TestImages.Png(seed: 2), TestImages.Png(seed: 3) };
        var error = await FailsWithAsync<ImageGenProtocolException>(c => OpenAIResponses.WriteAsync(c, OpenAIResponses.ImagesJson(images)), count: 4);
        Assert.Contains("asked for 4 images and got 3", error.Message, StringComparison.Ordinal);
        Assert.NotNull(error.PartialResult);
        Assert.Equal(images, error.PartialResult.Images.Select(i => i.Data.ToArray()));
    }

    [Fact]
    public async Task BytesThatAreNotAnImage_BecomeProtocolException()
    {
        var error = await FailsWithAsync<ImageGenProtocolException>(c => OpenAIResponses.WriteAsync(c, OpenAIResponses.ImagesJson(["this is text"u8.ToArray()])));
        Assert.Contains("not a PNG, JPEG or WEBP", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmptyBody_BecomesProtocolException()
    {
        var error = await FailsWithAsync<ImageGenProtocolException>(c => OpenAIResponses.WriteAsync(c, string.Empty));
        Assert.Contains("empty", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResponseOverTheSizeCap_IsCutOffWithProtocolException()
    {
        var error = await FailsWithAsync<ImageGenProtocolException>(
            c => OpenAIResponses.WriteAsync(c, OpenAIResponses.ImagesJson([TestImages.Png(512, 512, noise: true)])),
            o => o.MaxResponseBytes = 100_000);
        Assert.Contains("cap", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectionRefused_BecomesConnectionExceptionWithKnownOutcome()
    {
        Uri address;
        await using (var server = await LoopbackServer.StartAsync(_ => Task.CompletedTask))
        {
            address = server.Address;
        }

        using var client = Clients.OpenAI(address, o => o.Resilience.MaxRetryAttempts = 0);
        var error = await Assert.ThrowsAsync<ImageGenConnectionException>(() =>
            client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken));
        Assert.False(error.OutcomeUnknown);
        Assert.Contains("before the request was sent", error.Message, StringComparison.Ordinal);
    }
}
