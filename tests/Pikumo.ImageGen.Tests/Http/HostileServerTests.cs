using System.Buffers;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Http;

/// <summary>What a hostile or broken server does to a call, each reproduced on a loopback server (issue 13, section 3).</summary>
[Collection(nameof(Pikumo.ImageGen.Tests.Transports.OpenAI.MeasuredAllocations))]
public sealed class HostileServerTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ConnectionCutAfterThe200StatusLine_IsAnUnknownOutcome(bool reset)
    {
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            context.Response.ContentType = "application/json";
            context.Response.Headers["x-request-id"] = "req_cut";
            context.Response.ContentLength = 100_000;
            await context.Response.WriteAsync("{\"created\":1,\"data\":[{\"b64_json\":\"iVBORw0KGgo", context.RequestAborted);
            await LoopbackServer.CutAsync(context, reset); // an RST, or a clean FIN, in the middle of the 200 body
        });
        using var client = Clients.OpenAI(server.Address);

        var error = await Assert.ThrowsAnyAsync<ImageGenException>(() => client.GenerateAsync(new ImageGenerateRequest("x"), Token));

        Assert.True(error.OutcomeUnknown, error.ToString());
        Assert.Equal(1, server.RequestCount); // and not replayed
    }

    [Fact]
    public async Task BodyThatStallsAfterTheHeaders_EndsAtTheAttemptTimeout_NotTheCallTimeout()
    {
        var time = new TimerWatchingTimeProvider(TimeSpan.FromMinutes(5));
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            context.Response.ContentType = "application/json";
            context.Response.ContentLength = 100_000;
            await context.Response.WriteAsync("{\"created\":1,\"data\":[{\"b64_json\":\"iVBO", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await LoopbackServer.HoldUntilAbortedAsync(context);
        });
        using var client = Clients.OpenAI(server.Address, o => o.Resilience.AttemptTimeout = TimeSpan.FromMinutes(5), time);

        var call = client.GenerateAsync(new ImageGenerateRequest("x"), Token);

        // The clock moves only once the body's timer exists (it is created as soon as the headers arrive).
        await time.BodyTimer.Task.WaitAsync(TimeSpan.FromSeconds(60), Token);
        time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        var error = await Assert.ThrowsAsync<ImageGenTimeoutException>(() => call);
        Assert.True(error.OutcomeUnknown);
        Assert.Contains("AttemptTimeout", error.Message, StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromMinutes(5), error.Timeout);
    }

    [Fact]
    public async Task StreamDisposedAfterFromStream_IsAnArgumentExceptionNamingTheField_AndNothingIsSent()
    {
        await using var server = await LoopbackServer.StartAsync(c => OpenAIResponses.WriteAsync(c, OpenAIResponses.ImagesJson([TestImages.Png()])));
        using var client = Clients.OpenAI(server.Address);
        var seekable = new MemoryStream(TestImages.Png());
        var request = new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png()), ImageInput.FromStream(seekable));
        await seekable.DisposeAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.EditAsync(request, Token));
        Assert.Equal("request.Images[1]", error.ParamName);

        // A stream that still claims to be readable and throws when read.
        error = await Assert.ThrowsAsync<ArgumentException>(() => client.EditAsync(request with { Images = [ImageInput.FromStream(new DisposedStream())] }, Token));
        Assert.Equal("request.Images[0]", error.ParamName);
        Assert.Equal(0, server.RequestCount);
    }

    [Fact]
    public async Task BodyThatNeverEnds_StopsAtTheCap_AndLeavesNoLargeBufferInTheSharedPool()
    {
        const long cap = 4L * 1024 * 1024;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync("{\"created\":1,\"data\":[{\"b64_json\":\"", context.RequestAborted);
            var chunk = Encoding.ASCII.GetBytes(new string('Q', 64 * 1024));
            for (var sent = 0L; sent < cap * 4 && !context.RequestAborted.IsCancellationRequested; sent += chunk.Length)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
            }
        });
        using var client = Clients.OpenAI(server.Address, o => o.MaxResponseBytes = cap);

        var error = await Assert.ThrowsAsync<ImageGenProtocolException>(() => client.GenerateAsync(new ImageGenerateRequest("x"), Token));
        Assert.Contains("MaxResponseBytes", error.Message, StringComparison.Ordinal);

        // A pooled array comes back with its old contents: one full of the body's 'Q's was kept by the pool.
        foreach (var size in new[] { 1 << 21, 1 << 22, 1 << 23, 1 << 24 })
        {
            var rented = ArrayPool<byte>.Shared.Rent(size);
            var retained = rented.AsSpan(1 << 20, 4096).IndexOfAnyExcept((byte)'Q') < 0;
            ArrayPool<byte>.Shared.Return(rented);
            Assert.False(retained, $"the shared ArrayPool kept a {rented.Length:N0}-byte buffer of the response body");
        }
    }

    [Theory]
    [InlineData(502, "application/json")]
    [InlineData(504, "application/json")]
    [InlineData(503, "text/html")]
    [InlineData(500, "text/html")]
    public async Task GatewayErrorOnOpenAI_IsAnUnknownOutcome_NotRetried(int status, string contentType)
    {
        await using var server = await LoopbackServer.StartAsync(c => OpenAIResponses.WriteAsync(
            c, contentType == "text/html" ? "<html><body>Bad gateway</body></html>" : OpenAIResponses.Error("upstream failed", "server_error", null), status, contentType));
        using var client = Clients.OpenAI(server.Address, o => o.Resilience.MaxRetryAttempts = 2);

        var error = await Assert.ThrowsAsync<ImageGenServerException>(() => client.GenerateAsync(new ImageGenerateRequest("x"), Token));

        Assert.True(error.OutcomeUnknown);
        Assert.Equal(1, server.RequestCount);
    }

    [Fact]
    public async Task GatewayErrorOnOpenAI_WithRetryUnknownOutcomes_IsRetried()
    {
        await using var server = await LoopbackServer.StartAsync(c => OpenAIResponses.WriteAsync(c, "{}", 502));
        using var client = Clients.OpenAI(server.Address, o =>
        {
            o.Resilience.MaxRetryAttempts = 2;
            o.Resilience.RetryUnknownOutcomes = true;
        });

        await Assert.ThrowsAsync<ImageGenServerException>(() => client.GenerateAsync(new ImageGenerateRequest("x"), Token));
        Assert.Equal(3, server.RequestCount);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    public async Task JsonServerErrorFromTheProvider_IsRetried_AndKnownNotToHaveRun(int status)
    {
        await using var server = await LoopbackServer.StartAsync(c => OpenAIResponses.WriteAsync(c, OpenAIResponses.Error("The server had an error", "server_error", null), status));
        using var client = Clients.OpenAI(server.Address, o => o.Resilience.MaxRetryAttempts = 2);

        var error = await Assert.ThrowsAsync<ImageGenServerException>(() => client.GenerateAsync(new ImageGenerateRequest("x"), Token));
        Assert.False(error.OutcomeUnknown);
        Assert.Equal(3, server.RequestCount);
    }

    [Fact]
    public async Task GatewayErrorOnFalQueueSubmit_IsRetried()
    {
        await using var fal = await Pikumo.ImageGen.Tests.Transports.Fal.FalTestServer.StartAsync();
        await using var gateway = await LoopbackServer.StartAsync(c => OpenAIResponses.WriteAsync(c, "<html>502 Bad Gateway</html>", 502, "text/html"));
        using var client = fal.Client(o =>
        {
            o.Fal.QueueBaseAddress = gateway.Address;
            o.Resilience.MaxRetryAttempts = 2;
        });

        await Assert.ThrowsAsync<ImageGenServerException>(() => client.GenerateAsync(new ImageGenerateRequest("x"), Token));
        Assert.Equal(3, gateway.RequestCount);
    }

    [Fact]
    public async Task Every_request_NamesTheLibraryAndVersionInUserAgent()
    {
        var log = new RequestLog();
        await using var server = await LoopbackServer.StartAsync(async c =>
        {
            log.Add(await ReceivedRequest.ReadAsync(c.Request));
            await OpenAIResponses.WriteAsync(c, OpenAIResponses.ImagesJson([TestImages.Png()]));
        });
        using var client = Clients.OpenAI(server.Address);

        await client.GenerateAsync(new ImageGenerateRequest("x"), Token);

        Assert.Matches(@"^Pikumo\.ImageGen/\d+\.\d+\.\d+", log.Only.Headers["User-Agent"]);
    }

    [Theory]
    [InlineData(400, """{"error":{"message":"Bad thing","type":"invalid_request_error","param":null,"code":""}}""")]
    [InlineData(200, """{"error":{"message":"Bad thing","type":"server_error","code":null}}""")]
    public async Task ErrorMessage_NeverShowsAnEmptyCode(int status, string body)
    {
        await using var server = await LoopbackServer.StartAsync(c => OpenAIResponses.WriteAsync(c, body, status));
        using var client = Clients.OpenAI(server.Address);

        var error = await Assert.ThrowsAnyAsync<ImageGenException>(() => client.GenerateAsync(new ImageGenerateRequest("x"), Token));

        Assert.DoesNotMatch(@"code[ :]*[,;)]", error.Message);
        Assert.DoesNotContain("code ,", error.Message, StringComparison.Ordinal);
        Assert.Contains("Bad thing", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AnswerWithOnlyUrls_DownloadsTheImages(bool azure)
    {
        var png = TestImages.Png(40, 30, seed: 9);
        Uri? self = null;
        await using var server = await LoopbackServer.StartAsync(async c =>
        {
            if (c.Request.Path.StartsWithSegments("/files"))
            {
                c.Response.ContentType = "image/png";
                await c.Response.Body.WriteAsync(png);
                return;
            }

            await OpenAIResponses.WriteAsync(c, $$"""{"created":1,"data":[{"url":"{{self}}files/a.png","revised_prompt":"r"},{"url":"{{self}}files/b.png"}]}""");
        });
        self = server.Address;
        var options = new ImageGenOptions { UseEnvironmentVariables = false };
        if (azure)
        {
            options.Provider = ImageProvider.AzureOpenAI;
            options.Azure.Endpoint = server.Address;
            options.Azure.ApiKey = "azure-url-key-0123456789abcdef";
            options.Azure.Deployment = "dalle";
            options.ModelAliases["dalle"] = "gpt-image-2";
            options.Azure.TrustedDownloadHosts.Add(server.Address.Authority);
        }
        else
        {
            options.OpenAI.ApiKey = Clients.ApiKey;
            options.OpenAI.BaseAddress = new Uri(server.Address, "v1/");
            options.OpenAI.TrustedDownloadHosts.Add(server.Address.Authority);
        }

        using var client = new ImageGenClient(options);

        var result = await client.GenerateAsync(new ImageGenerateRequest("x") { Count = 2 }, Token);

        Assert.Equal(2, result.Images.Count);
        Assert.Equal(png, result.Images[0].Data.ToArray());
        Assert.Equal($"{server.Address}files/a.png", result.Images[0].SourceUrl);
        Assert.Equal("r", result.Images[0].RevisedPrompt);
    }

    [Fact]
    public async Task AnswerWithOnlyUrls_ToAnUntrustedLoopbackHost_IsRefused_AndTheUrlsAreKept()
    {
        await using var server = await LoopbackServer.StartAsync(c => OpenAIResponses.WriteAsync(c, $$"""{"created":1,"data":[{"url":"http://127.0.0.1:9/a.png"}]}"""));
        using var client = Clients.OpenAI(server.Address);

        var error = await Assert.ThrowsAsync<ImageGenProtocolException>(() => client.GenerateAsync(new ImageGenerateRequest("x"), Token));

        Assert.Contains("http://127.0.0.1:9/a.png", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.RequestCount);
    }

    private sealed class DisposedStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new ObjectDisposedException(nameof(DisposedStream));

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>A fake clock that says when the timer of a given length is created while an answer's body is read.</summary>
    private sealed class TimerWatchingTimeProvider(TimeSpan watched) : FakeTimeProvider
    {
        public TaskCompletionSource BodyTimer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var timer = base.CreateTimer(callback, state, dueTime, period);
            if (dueTime == watched && new System.Diagnostics.StackTrace().GetFrames().Any(f => f.GetMethod()?.DeclaringType?.FullName?.Contains("ReadPayloadAsync", StringComparison.Ordinal) == true))
            {
                BodyTimer.TrySetResult();
            }

            return timer;
        }
    }
}
