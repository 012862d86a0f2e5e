using System.Text;
using Microsoft.AspNetCore.Http;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Transports.Gemini;

/// <summary>The Gemini transport against a hand-written loopback server: a JPEG answer on one multi-megabyte line, Google's error shape, a key that never shows.</summary>
public sealed class GeminiWireTests
{
    private const string Key = "gemini-test-key-0123456789abcdef";

    [Fact]
    public async Task EditAsync_JpegOnAMultiMegabyteLine_IsReadWithItsMimeType()
    {
        // A 6 MB JPEG (sniffable header plus padding): 8 MB of base64 on one line of JSON.
        var jpeg = TestImages.Jpeg(1408, 768);
        var big = new byte[6 * 1024 * 1024];
        jpeg.AsSpan(0, jpeg.Length - 2).CopyTo(big);
        big[^2] = 0xFF;
        big[^1] = 0xD9;
        string? apiKeyHeader = null, path = null;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            apiKeyHeader = context.Request.Headers["x-goog-api-key"];
            path = context.Request.Path + context.Request.QueryString;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(
                $$$"""{"candidates":[{"content":{"role":"model","parts":[{"text":"done"},{"inlineData":{"mimeType":"image/jpeg","data":"{{{Convert.ToBase64String(big)}}}"}}]},"finishReason":"STOP"}],"usageMetadata":{"promptTokenCount":300,"candidatesTokenCount":1120,"totalTokenCount":1420},"responseId":"resp-1"}""");
        });
        using var client = Client(server);

        var result = await client.EditAsync(new ImageEditRequest("a scene", ImageInput.FromBytes(TestImages.Png(32, 32))), TestContext.Current.CancellationToken);

        var image = Assert.Single(result.Images);
        Assert.Equal(ImageFormat.Jpeg, image.Format);
        Assert.Equal((1408, 768), (image.Width, image.Height));
        Assert.Equal(big.Length, image.Data.Length);
        Assert.Equal("image/jpeg", result.ProviderMetadata["gemini.mime_type.0"]);
        Assert.Equal("done", result.ProviderMetadata["gemini.text.0"]);
        Assert.Equal("resp-1", result.RequestId);
        Assert.Equal(Key, apiKeyHeader);
        Assert.Equal("/v1beta/models/gemini-3.1-flash-image:generateContent", path);
    }

    [Theory]
    [InlineData("NO_IMAGE")]
    [InlineData("STOP")]
    public async Task EditAsync_AnswerWithoutAnImage_IsNeverASuccess(string finishReason)
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync($$$"""{"candidates":[{"content":{"parts":[{"text":"I cannot draw that."}]},"finishReason":"{{{finishReason}}}"}],"responseId":"resp-2"}""");
        });
        using var client = Client(server);

        var error = await Assert.ThrowsAsync<ImageGenProtocolException>(() => client.EditAsync(new ImageEditRequest("a scene", ImageInput.FromBytes(TestImages.Png(32, 32))), TestContext.Current.CancellationToken));

        Assert.Contains(finishReason, error.Message, StringComparison.Ordinal);
        Assert.Contains("I cannot draw that.", error.Message, StringComparison.Ordinal);
        Assert.Equal("resp-2", error.RequestId);
    }

    [Fact]
    public async Task EditAsync_ErrorEchoingTheKey_IsTypedAndRedacted()
    {
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.StatusCode = 403;
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync($$$"""{"error":{"code":403,"message":"Key {{{Key}}} lacks access to this model.","status":"PERMISSION_DENIED"}}""");
        });
        using var client = Client(server);

        var error = await Assert.ThrowsAsync<ImageGenAuthenticationException>(() => client.EditAsync(new ImageEditRequest("a scene", ImageInput.FromBytes(TestImages.Png(32, 32))), TestContext.Current.CancellationToken));

        Assert.Equal("PERMISSION_DENIED", error.Details.Type);
        Assert.DoesNotContain(Key, error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(Key, error.Details.Message ?? string.Empty, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditAsync_OneOfThreeCallsRefused_KeepsThePaidImagesInPartialResult()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(context =>
        {
            context.Response.ContentType = "application/json";
            var png = Convert.ToBase64String(TestImages.Png(16, 16));
            return context.Response.WriteAsync(Interlocked.Increment(ref calls) == 2
                ? """{"promptFeedback":{"blockReason":"PROHIBITED_CONTENT"}}"""
                : $$$"""{"candidates":[{"content":{"parts":[{"inlineData":{"mimeType":"image/png","data":"{{{png}}}"}}]},"finishReason":"STOP"}]}""", Encoding.UTF8);
        });
        using var client = Client(server, o => o.Gemini.MaxParallelCalls = 1);

        var error = await Assert.ThrowsAsync<ImageGenProtocolException>(() => client.EditAsync(new ImageEditRequest("a scene", ImageInput.FromBytes(TestImages.Png(32, 32))) { Count = 3 }, TestContext.Current.CancellationToken));

        Assert.Equal(2, error.PartialResult!.Images.Count);
        Assert.IsType<ImageGenContentPolicyException>(error.InnerException);
        Assert.Equal(3, calls);
    }

    private static ImageGenClient Client(LoopbackServer server, Action<ImageGenOptions>? configure = null)
    {
        var options = new ImageGenOptions { Provider = ImageProvider.Gemini, UseEnvironmentVariables = false };
        options.Gemini.ApiKey = Key;
        options.Gemini.BaseAddress = new Uri(server.Address, "v1beta/");
        options.Resilience.MaxRetryAttempts = 0;
        configure?.Invoke(options);
        return new ImageGenClient(options);
    }
}
