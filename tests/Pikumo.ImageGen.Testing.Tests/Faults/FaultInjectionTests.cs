using System.Net;
using Microsoft.Extensions.Time.Testing;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Testing.Tests.Faults;

/// <summary>Each injected fault, as the library's client sees it: the typed exception, or a retry that succeeds.</summary>
public sealed class FaultInjectionTests
{
    private static ImageEditRequest Edit(string prompt = "a quiet street") =>
        new(prompt, ImageInput.FromBytes(TestImages.Png(32, 32))) { Size = ImageSize.Square1024 };

    [Theory]
    [MemberData(nameof(SimulatorHarness.Wires), MemberType = typeof(SimulatorHarness))]
    public async Task EditAsync_RateLimitedOnce_RetriesAndSucceeds(Wire wire)
    {
        await using var harness = await SimulatorHarness.StartAsync(wire);
        harness.Simulator.Faults.OnImageCalls(SimulatedFault.RateLimit(TimeSpan.FromSeconds(2)));

        var result = await harness.Client.EditAsync(Edit(), TestContext.Current.CancellationToken);

        Assert.Single(result.Images);
        Assert.Equal([HttpStatusCode.TooManyRequests, HttpStatusCode.OK], harness.Recorder.Select(r => r.StatusCode!.Value));
        Assert.Equal(SimulatedFaultKind.RateLimit, harness.Recorder[0].Fault!.Kind);
    }

    [Theory]
    [InlineData(ImageProvider.OpenAI)]
    [InlineData(ImageProvider.AzureOpenAI)]
    public async Task EditAsync_RateLimitedWithoutRetries_ThrowsRateLimitWithTheRetryAfterSent(ImageProvider provider)
    {
        await using var harness = await SimulatorHarness.StartAsync(Wire.InProcess, provider, o => o.Resilience.MaxRetryAttempts = 0);
        harness.Simulator.Faults.OnImageCalls(SimulatedFault.RateLimit(TimeSpan.FromMilliseconds(2500)));

        var error = await Assert.ThrowsAsync<ImageGenRateLimitException>(() => harness.Client.EditAsync(Edit(), TestContext.Current.CancellationToken));

        Assert.Equal(TimeSpan.FromMilliseconds(2500), error.RetryAfter);
        Assert.True(error.IsTransient);
        Assert.NotNull(error.RequestId);
    }

    [Fact]
    public async Task EditAsync_QuotaExhausted_ThrowsRateLimitThatIsNotTransientAndIsNotRetried()
    {
        await using var harness = await SimulatorHarness.StartAsync(Wire.InProcess);
        harness.Simulator.Faults.OnImageCalls(SimulatedFault.QuotaExhausted(), times: int.MaxValue);

        var error = await Assert.ThrowsAsync<ImageGenRateLimitException>(() => harness.Client.EditAsync(Edit(), TestContext.Current.CancellationToken));

        Assert.True(error.IsQuotaExhausted);
        Assert.Single(harness.Recorder);
    }

    [Theory]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    public async Task EditAsync_ServerErrorTwice_RetriesAndSucceeds(HttpStatusCode status)
    {
        await using var harness = await SimulatorHarness.StartAsync(Wire.InProcess);
        harness.Simulator.Faults.OnImageCalls(SimulatedFault.ServerError(status), times: 2);

        var result = await harness.Client.EditAsync(Edit(), TestContext.Current.CancellationToken);

        Assert.Single(result.Images);
        Assert.Equal([status, status, HttpStatusCode.OK], harness.Recorder.Select(r => r.StatusCode!.Value));
    }

    [Theory]
    [InlineData(ImageProvider.OpenAI, HttpStatusCode.InternalServerError)]
    [InlineData(ImageProvider.OpenAI, HttpStatusCode.ServiceUnavailable)]
    [InlineData(ImageProvider.AzureOpenAI, HttpStatusCode.InternalServerError)]
    public async Task EditAsync_ServerErrorEveryTime_ThrowsServerErrorAfterTheRetries(ImageProvider provider, HttpStatusCode status)
    {
        await using var harness = await SimulatorHarness.StartAsync(Wire.InProcess, provider, o => o.Resilience.MaxRetryAttempts = 2);
        harness.Simulator.Faults.OnImageCalls(SimulatedFault.ServerError(status), times: int.MaxValue);

        var error = await Assert.ThrowsAsync<ImageGenServerException>(() => harness.Client.EditAsync(Edit(), TestContext.Current.CancellationToken));

        Assert.Equal(status, error.StatusCode);
        Assert.True(error.IsTransient);
        Assert.Equal(3, harness.Recorder.Count);
    }

    [Fact]
    public async Task EditAsync_OpenAIModerationBlock_ThrowsContentPolicyWithCategoryAndStage()
    {
        await using var harness = await SimulatorHarness.StartAsync(Wire.InProcess);
        harness.Simulator.Faults.OnImageCalls(SimulatedFault.ContentPolicy("violence", "output"));

        var error = await Assert.ThrowsAsync<ImageGenContentPolicyException>(() => harness.Client.EditAsync(Edit(), TestContext.Current.CancellationToken));

        Assert.Equal("moderation_blocked", error.ErrorCode);
        Assert.Equal("image_generation_user_error", error.ErrorType);
        Assert.Equal(["violence"], error.Categories);
        Assert.Equal("output", error.Stage);
        Assert.Single(harness.Recorder);
    }

    [Fact]
    public async Task EditAsync_AzureContentFilter_ThrowsContentPolicyWithTheFilteredCategory()
    {
        await using var harness = await SimulatorHarness.StartAsync(Wire.InProcess, ImageProvider.AzureOpenAI);
        harness.Simulator.Faults.OnImageCalls(SimulatedFault.ContentPolicy("sexual"));

        var error = await Assert.ThrowsAsync<ImageGenContentPolicyException>(() => harness.Client.EditAsync(Edit(), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(["sexual"], error.Categories);
        Assert.Equal("content_filter", error.ErrorCode);
    }

    [Theory]
    [MemberData(nameof(SimulatorHarness.Wires), MemberType = typeof(SimulatorHarness))]
    public async Task EditAsync_Hang_ThrowsOperationCanceledWhenTheCallerCancels(Wire wire)
    {
        await using var harness = await SimulatorHarness.StartAsync(wire);
        harness.Simulator.Faults.OnImageCalls(SimulatedFault.Hang());
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var call = harness.Client.EditAsync(Edit(), cancel.Token);
        await WaitForRequestAsync(harness);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Null(harness.Recorder.Single().StatusCode);
    }

    [Fact]
    public async Task EditAsync_HangPastTheAttemptTimeout_ThrowsTimeoutOnFakeTime()
    {
        var time = new FakeTimeProvider(DateTimeOffset.Parse("2026-05-26T09:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await using var harness = await SimulatorHarness.StartAsync(Wire.InProcess, configure: o =>
        {
            o.Resilience.MaxRetryAttempts = 0;
            o.Resilience.AttemptTimeout = TimeSpan.FromMinutes(2);
        }, time: time);
        harness.Simulator.Faults.OnImageCalls(SimulatedFault.Hang());

        var call = harness.Client.EditAsync(Edit(), TestContext.Current.CancellationToken);
        await WaitForRequestAsync(harness);
        time.Advance(TimeSpan.FromMinutes(2));

        var error = await Assert.ThrowsAsync<ImageGenTimeoutException>(() => call);
        Assert.True(error.OutcomeUnknown);
    }

    [Theory]
    [MemberData(nameof(SimulatorHarness.Wires), MemberType = typeof(SimulatorHarness))]
    public async Task EditAsync_ConnectionResetAfterTheRequest_ThrowsConnectionErrorWithUnknownOutcomeAndDoesNotRetry(Wire wire)
    {
        await using var harness = await SimulatorHarness.StartAsync(wire);
        harness.Simulator.Faults.OnImageCalls(SimulatedFault.ConnectionReset());

        var error = await Assert.ThrowsAsync<ImageGenConnectionException>(() => harness.Client.EditAsync(Edit(), TestContext.Current.CancellationToken));

        Assert.True(error.OutcomeUnknown);
        Assert.Single(harness.Recorder);
        Assert.Null(harness.Recorder.Single().StatusCode);
    }

    [Theory]
    [MemberData(nameof(SimulatorHarness.Wires), MemberType = typeof(SimulatorHarness))]
    public async Task EditAsync_TruncatedBody_ThrowsProtocolError(Wire wire)
    {
        await using var harness = await SimulatorHarness.StartAsync(wire);
        harness.Simulator.Faults.OnImageCalls(SimulatedFault.TruncatedBody());

        var error = await Assert.ThrowsAsync<ImageGenProtocolException>(() => harness.Client.EditAsync(Edit(), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.StartsWith("req_", error.RequestId, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SimulatorHarness.Wires), MemberType = typeof(SimulatorHarness))]
    public async Task Stream_TruncatedBody_EndsTheEventStreamWithAnIOErrorMidEvent(Wire wire)
    {
        await using var harness = await SimulatorHarness.StartAsync(wire);
        harness.Simulator.Faults.OnImageCalls(SimulatedFault.TruncatedBody());
        using var http = wire == Wire.InProcess ? harness.Simulator.CreateHttpClient() : new HttpClient { BaseAddress = harness.Server!.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v1/images/generations")
        {
            Content = new StringContent("""{"model":"gpt-image-2","prompt":"p","size":"1024x1024","stream":true,"partial_images":1}""", System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", harness.Simulator.Options.OpenAIApiKey);

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        using var body = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        using var copy = new MemoryStream();

        await Assert.ThrowsAnyAsync<IOException>(() => body.CopyToAsync(copy, TestContext.Current.CancellationToken));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("event: image_generation.partial_image", System.Text.Encoding.UTF8.GetString(copy.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditAsync_InvalidBase64_ThrowsProtocolError()
    {
        await using var harness = await SimulatorHarness.StartAsync(Wire.InProcess);
        harness.Simulator.Faults.OnImageCalls(SimulatedFault.InvalidBase64());

        var error = await Assert.ThrowsAsync<ImageGenProtocolException>(() => harness.Client.EditAsync(Edit(), TestContext.Current.CancellationToken));

        Assert.Contains("base64", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [MemberData(nameof(SimulatorHarness.Wires), MemberType = typeof(SimulatorHarness))]
    public async Task EditAsync_SlowDrip_DeliversTheWholeImageAsTheClockAdvances(Wire wire)
    {
        var time = new WatchedTimeProvider();
        await using var harness = await SimulatorHarness.StartAsync(wire, time: time);
        harness.Simulator.Faults.OnImageCalls(SimulatedFault.SlowDrip(TimeSpan.FromSeconds(1), chunkBytes: 16 * 1024));

        var call = harness.Client.EditAsync(Edit(), TestContext.Current.CancellationToken);
        var ticks = await time.AdvanceWhileWaitingAsync(call, due => due == TimeSpan.FromSeconds(1)); // one step per drip

        var result = await call;
        PngAssert.Valid(Assert.Single(result.Images).Data, 1024, 1024);
        Assert.True(ticks > 1, "the body should have needed several drips");
    }

    [Fact]
    public async Task Faults_WithProbabilitySameSeed_FailTheSameRequestsEveryRun()
    {
        async Task<HttpStatusCode[]> RunAsync()
        {
            await using var harness = await SimulatorHarness.StartAsync(Wire.InProcess, configure: o =>
            {
                o.Resilience.MaxRetryAttempts = 0;
                o.Resilience.CircuitBreakerEnabled = false;
            });
            harness.Simulator.Faults.WithProbability(0.5, SimulatedFault.ServerError(HttpStatusCode.ServiceUnavailable), SimulatorRoute.OpenAIGenerations);
            for (var i = 0; i < 12; i++)
            {
                try
                {
                    await harness.Client.GenerateAsync(new ImageGenerateRequest { Prompt = "p", Size = ImageSize.Square1024, Quality = ImageQuality.Low }, TestContext.Current.CancellationToken);
                }
                catch (ImageGenServerException)
                {
                }
            }

            return harness.Recorder.Select(r => r.StatusCode!.Value).ToArray();
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal(first, second);
        Assert.Contains(HttpStatusCode.ServiceUnavailable, first);
        Assert.Contains(HttpStatusCode.OK, first);
    }

    [Fact]
    public async Task Faults_OnRequestByIndex_HitsOnlyThatRequest()
    {
        await using var harness = await SimulatorHarness.StartAsync(Wire.InProcess, configure: o => o.Resilience.MaxRetryAttempts = 0);
        harness.Simulator.Faults.OnRequest(1, SimulatedFault.ContentPolicy());

        await harness.Client.EditAsync(Edit(), TestContext.Current.CancellationToken);
        await Assert.ThrowsAsync<ImageGenContentPolicyException>(() => harness.Client.EditAsync(Edit(), TestContext.Current.CancellationToken));
        await harness.Client.EditAsync(Edit(), TestContext.Current.CancellationToken);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.OK], harness.Recorder.Select(r => r.StatusCode!.Value));
        Assert.Equal(0, harness.Simulator.Faults.PendingRules);
    }

    private static async Task WaitForRequestAsync(SimulatorHarness harness)
    {
        await harness.Recorder.WaitForAsync(r => r.Count > 0, TestContext.Current.CancellationToken);
        Assert.NotEmpty(harness.Recorder);
    }
}
