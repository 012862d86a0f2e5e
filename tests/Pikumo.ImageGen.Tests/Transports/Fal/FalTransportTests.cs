using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Transports.Fal;

/// <summary>fal.ai: the queue, the sync route, data URIs and uploads, safe downloads, and fal's errors.</summary>
public sealed class FalTransportTests
{
    [Fact]
    public async Task EditAsync_Queue_SubmitsJsonWithDataUrisPollsAndDownloadsTheResult()
    {
        await using var fal = await FalTestServer.StartAsync();
        using var client = fal.Client();
        var photo = TestImages.Png(64, 48, seed: 3);
        var second = TestImages.Jpeg(640, 480);

        var result = await client.EditAsync(new ImageEditRequest("panel of a day", ImageInput.FromBytes(photo), ImageInput.FromBytes(second))
        {
            Count = 2,
            Size = ImageSize.Landscape1536x1024,
            Quality = ImageQuality.Low,
            OutputFormat = ImageFormat.Png,
        }, TestContext.Current.CancellationToken);

        var submit = fal.Log.Requests[0];
        Assert.Equal(("POST", "/openai/gpt-image-2/edit"), (submit.Method, submit.Path));
        Assert.Equal("Key fal-key-id:fal-key-secret-0123456789", submit.Headers["Authorization"]);
        using var body = JsonDocument.Parse(submit.Body);
        var root = body.RootElement;
        Assert.Equal("panel of a day", root.GetProperty("prompt").GetString());
        Assert.Equal(2, root.GetProperty("num_images").GetInt32());
        Assert.Equal("low", root.GetProperty("quality").GetString());
        Assert.Equal("png", root.GetProperty("output_format").GetString());
        Assert.Equal(1536, root.GetProperty("image_size").GetProperty("width").GetInt32());
        Assert.Equal(1024, root.GetProperty("image_size").GetProperty("height").GetInt32());
        var urls = root.GetProperty("image_urls").EnumerateArray().Select(u => u.GetString()!).ToArray();
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(photo), urls[0]);
        Assert.Equal("data:image/jpeg;base64," + Convert.ToBase64String(second), urls[1]);
        Assert.Equal(["prompt", "num_images", "quality", "image_size", "output_format", "image_urls"], root.EnumerateObject().Select(p => p.Name));

        Assert.Equal(3, fal.Polls); // IN_QUEUE, IN_PROGRESS, COMPLETED
        Assert.Contains(fal.Log.Requests, r => r.Method == "GET" && r.Path == "/openai/gpt-image-2/requests/job-1");
        Assert.Equal(2, result.Images.Count);
        Assert.All(result.Images, i => Assert.Equal(fal.ResultImage, i.Data.ToArray()));
        Assert.Equal("job-1", result.RequestId);
        Assert.Equal("fal", result.Provider);
        Assert.Equal($"{fal.Server.Address}openai/gpt-image-2/requests/job-1", result.ProviderMetadata["fal.response_url"]);
        // fal reports no usage: the token model's estimate. 4 text tokens ($0.00002), two references at gpt-image-2's
        // 7,270 input tokens ($0.11632), two low 1536×1024 images at 300 output tokens ($0.018).
        Assert.Equal(new ImageCost(0.13434m, ImageCostBasis.Estimate), result.Cost);
        Assert.All(fal.Log.Requests.Where(r => r.Path.StartsWith("/files/", StringComparison.Ordinal)), r => Assert.False(r.Headers.ContainsKey("Authorization")));
    }

    [Fact]
    public async Task GenerateAsync_SyncRoute_PostsToFalRunAndReadsTheOutput()
    {
        await using var fal = await FalTestServer.StartAsync();
        using var client = fal.Client(o => o.Fal.UseQueue = false);

        var result = await client.GenerateAsync(new ImageGenerateRequest("a lighthouse"), TestContext.Current.CancellationToken);

        Assert.Equal("/sync/openai/gpt-image-2", fal.Log.Requests[0].Path);
        using var body = JsonDocument.Parse(fal.Log.Requests[0].Body);
        Assert.False(body.RootElement.TryGetProperty("image_urls", out _));
        Assert.Equal("auto", body.RootElement.GetProperty("quality").GetString());
        Assert.Single(result.Images);
        Assert.Equal(0, fal.Polls);
    }

    [Fact]
    public async Task EditAsync_ReferenceOverTheInlineLimit_IsUploadedToTheCdnFirst()
    {
        await using var fal = await FalTestServer.StartAsync();
        using var client = fal.Client(o => o.Fal.InlineImageLimitBytes = 100);
        var photo = TestImages.Png(64, 64);

        await client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(photo)), TestContext.Current.CancellationToken);

        var initiate = fal.Log.Requests.Single(r => r.Path == "/rest/storage/upload/initiate");
        Assert.Equal("?storage_type=fal-cdn-v3", initiate.Query);
        Assert.StartsWith("Key ", initiate.Headers["Authorization"], StringComparison.Ordinal);
        var put = fal.Log.Requests.Single(r => r.Path == "/upload/target");
        Assert.Equal("PUT", put.Method);
        Assert.Equal(photo, put.Body);
        Assert.False(put.Headers.ContainsKey("Authorization"));
        var submit = fal.Log.Requests.Single(r => r.Path == "/openai/gpt-image-2/edit");
        using var body = JsonDocument.Parse(submit.Body);
        Assert.Equal("https://v3.fal.media/files/uploaded.png", body.RootElement.GetProperty("image_urls")[0].GetString());
    }

    [Fact]
    public async Task EditAsync_FailedJob_ReturnsTheModelsValidationErrorWithTheFieldNamed()
    {
        await using var fal = await FalTestServer.StartAsync();
        fal.Result = _ => (422, """{"detail":[{"loc":["body","image_urls",0],"msg":"Image is too large","type":"image_too_large","ctx":{"max_width":4096}}]}""");
        using var client = fal.Client();

        var error = await Assert.ThrowsAsync<ImageGenInvalidRequestException>(() =>
            client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken));

        Assert.Equal("image_urls.0", error.Parameter);
        Assert.Equal("image_too_large", error.ErrorType);
        Assert.Equal("job-1", error.RequestId);
        Assert.Contains("Image is too large", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditAsync_ContentPolicyRefusal_BecomesContentPolicy()
    {
        await using var fal = await FalTestServer.StartAsync();
        fal.Result = _ => (422, """{"detail":[{"loc":["body","prompt"],"msg":"The request was rejected by the content policy.","type":"content_policy_violation"}]}""");
        using var client = fal.Client();

        await Assert.ThrowsAsync<ImageGenContentPolicyException>(() =>
            client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task EditAsync_JobThatNeverCompletes_TimesOutNamingTheJobAndCancelsIt()
    {
        await using var fal = await FalTestServer.StartAsync();
        fal.Status = _ => """{"status":"IN_PROGRESS"}""";
        var time = new WatchedTimeProvider();
        using var client = fal.Client(o =>
        {
            o.Timeout = TimeSpan.FromMinutes(2);
            o.Resilience.AttemptTimeout = TimeSpan.FromMinutes(1);
            o.Fal.PollInterval = TimeSpan.FromSeconds(1);
            o.Fal.MaxPollInterval = TimeSpan.FromSeconds(5);
        }, time);

        var call = client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken);
        var polls = await time.AdvanceWhileWaitingAsync(call, due => due <= TimeSpan.FromSeconds(5)); // each poll's back-off
        Assert.InRange(polls, 24, 120); // two minutes of polling at 1-5 s

        var error = await Assert.ThrowsAsync<ImageGenTimeoutException>(() => call);
        Assert.True(error.OutcomeUnknown);
        Assert.Equal("job-1", error.RequestId);
        Assert.Contains("GetResultAsync", error.Message, StringComparison.Ordinal);
        Assert.Contains(fal.Log.Requests, r => r.Method == "PUT" && r.Path == "/openai/gpt-image-2/requests/job-1/cancel");
    }

    [Fact]
    public async Task EditAsync_CallerCancels_SendsTheCancelCall()
    {
        await using var fal = await FalTestServer.StartAsync();
        var polled = new TaskCompletionSource();
        fal.Status = _ =>
        {
            polled.TrySetResult();
            return """{"status":"IN_QUEUE","queue_position":7}""";
        };
        using var client = fal.Client();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var call = client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())), cts.Token);
        await polled.Task.WaitAsync(TestContext.Current.CancellationToken);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Contains(fal.Log.Requests, r => r.Method == "PUT" && r.Path.EndsWith("/cancel", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GetResultAsync_FetchesAPaidJobByItsIdWithoutSubmittingAgain()
    {
        await using var fal = await FalTestServer.StartAsync();
        using var client = fal.Client();
        await client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken);
        var submissions = fal.Log.Requests.Count(r => r.Path == "/openai/gpt-image-2/edit");

        var again = await client.GetResultAsync("job-1", TestContext.Current.CancellationToken);

        Assert.Equal(submissions, fal.Log.Requests.Count(r => r.Path == "/openai/gpt-image-2/edit"));
        Assert.Equal("job-1", again.RequestId);
        Assert.Equal(fal.ResultImage, again.Images[0].Data.ToArray());
    }

    public static TheoryData<string, string> RefusedUrls => new()
    {
        { "http://v3.fal.media/files/a.png", "only https" },
        { "https://127.0.0.1/files/a.png", "loopback" },
        { "https://localhost/files/a.png", "loopback" },
        { "https://10.1.2.3/files/a.png", "private" },
        { "https://192.168.0.9/files/a.png", "private" },
        { "https://169.254.169.254/latest/meta-data", "private" },
        { "https://[::1]/files/a.png", "loopback" },
    };

    [Theory]
    [MemberData(nameof(RefusedUrls))]
    public async Task EditAsync_ResultUrlThatIsNotPublicHttps_IsNotDownloaded(string url, string why)
    {
        await using var fal = await FalTestServer.StartAsync();
        fal.ImageUrl = _ => url;
        using var client = fal.Client();

        var error = await Assert.ThrowsAsync<ImageGenProtocolException>(() =>
            client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken));

        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditAsync_OversizedResultImage_IsCutOff()
    {
        await using var fal = await FalTestServer.StartAsync();
        fal.ResultImage = TestImages.Png(256, 256, noise: true);
        using var client = fal.Client(o => o.Fal.MaxDownloadBytes = 10_000);

        var error = await Assert.ThrowsAsync<ImageGenProtocolException>(() =>
            client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken));

        Assert.Contains("MaxDownloadBytes", error.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, Func<ImageEditRequest, ImageEditRequest>> UnsupportedByFal => new()
    {
        { "request.InputFidelity", r => r with { InputFidelity = InputFidelity.High } },
        { "request.Background", r => r with { Background = ImageBackground.Opaque } },
        { "request.OutputCompression", r => r with { OutputFormat = ImageFormat.Jpeg, OutputCompression = 80 } },
        { "request.Moderation", r => r with { Moderation = ImageModeration.Low } },
        { "request.User", r => r with { User = "u1" } },
        { "request.Count", r => r with { Count = 5 } },
    };

    [Theory]
    [MemberData(nameof(UnsupportedByFal))]
    public async Task EditAsync_FieldFalDoesNotTake_IsRefusedBeforeTheCall(string parameter, Func<ImageEditRequest, ImageEditRequest> change)
    {
        await using var fal = await FalTestServer.StartAsync();
        using var client = fal.Client();

        var error = await Assert.ThrowsAnyAsync<ArgumentException>(() =>
            client.EditAsync(change(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png()))), TestContext.Current.CancellationToken));

        Assert.Equal(parameter, error.ParamName);
        Assert.Empty(fal.Log.Requests);
    }

    [Fact]
    public async Task EditAsync_UnsupportedFieldWithOmitPolicy_IsLeftOutAndReported()
    {
        await using var fal = await FalTestServer.StartAsync();
        using var client = fal.Client(o => o.UnsupportedParameters = UnsupportedParameterPolicy.Omit);

        var result = await client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())) { InputFidelity = InputFidelity.High }, TestContext.Current.CancellationToken);

        Assert.Equal(["input_fidelity"], result.OmittedParameters);
        using var body = JsonDocument.Parse(fal.Log.Requests[0].Body);
        Assert.False(body.RootElement.TryGetProperty("input_fidelity", out _));
    }

    [Fact]
    public async Task EditAsync_BadKey_BecomesAuthentication()
    {
        await using var server = await LoopbackServer.StartAsync(c =>
        {
            c.Response.StatusCode = 401;
            c.Response.ContentType = "application/json";
            return Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(c.Response, """{"detail":"Authentication failed"}""");
        });
        var options = new ImageGenOptions { Provider = ImageProvider.Fal, UseEnvironmentVariables = false };
        options.Fal.ApiKey = "bad-key-0123456789";
        options.Fal.QueueBaseAddress = server.Address;
        using var client = new ImageGenClient(options);

        var error = await Assert.ThrowsAsync<ImageGenAuthenticationException>(() =>
            client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken));

        Assert.Contains("Authentication failed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("bad-key-0123456789", error.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>Which addresses count as public for result downloads.</summary>
public sealed class FalDownloadAddressTests
{
    [Theory]
    [InlineData("93.184.216.34", true)]
    [InlineData("2606:2800:220:1:248:1893:25c8:1946", true)]
    [InlineData("127.0.0.1", false)]
    [InlineData("10.0.0.1", false)]
    [InlineData("172.16.5.4", false)]
    [InlineData("192.168.1.1", false)]
    [InlineData("169.254.169.254", false)]
    [InlineData("100.64.0.1", false)]
    [InlineData("0.1.2.3", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("::", false)]
    [InlineData("fe80::1", false)]
    [InlineData("fd12:3456::1", false)]
    [InlineData("::ffff:10.0.0.1", false)]
    public void IsPublic_Address_IsJudgedByItsRange(string address, bool expected) =>
        Assert.Equal(expected, Pikumo.ImageGen.Http.ImageDownloader.IsPublic(System.Net.IPAddress.Parse(address)));
}
