using System.Net;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pikumo.ImageGen.Http;
using Pikumo.ImageGen.Tests.Infrastructure;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Pikumo.ImageGen.Tests.Hosting;

/// <summary>
/// The resilience strategies on their own, without HTTP: the retry predicate, Retry-After on the fake clock, the
/// circuit breaker and the rate-limit gate. The clock moves only by <see cref="FakeTimeProvider.Advance"/>; a test
/// advances once the code under test waits on it (<see cref="WatchedTimeProvider.WaitForTimerAsync(TimeSpan, int)"/>).
/// </summary>
public sealed class ResilienceStrategyTests
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static TheoryData<int, string, bool, bool> Answers => new()
    {
        // status, content type, retry unknown outcomes, retried
        { 200, "application/json", false, false },
        { 400, "application/json", false, false },
        { 401, "application/json", true, false },
        { 408, "application/json", false, true },
        { 429, "application/json", false, true },
        { 500, "application/json", false, true },
        { 503, "application/json", false, true },
        { 500, "text/html", false, false },
        { 500, "text/html", true, true },
        { 502, "application/json", false, false },
        { 502, "application/json", true, true },
        { 504, "text/html", false, false },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task ShouldRetry_Answer_RetriesOnlyWhatProvesTheRequestDidNotRun(int status, string contentType, bool retryUnknown, bool retried)
    {
        using var response = Answer(status, contentType, "{}");

        var decision = await ImageGenResilience.ShouldRetryAsync(Outcome.FromResult(response), Context(), retryUnknown);

        Assert.Equal(retried, decision);
    }

    [Fact]
    public async Task ShouldRetry_GatewayAnswerWhereGatewaysAnswerBeforeAJobExists_IsRetried()
    {
        using var response = Answer(502, "text/html", "<html>bad gateway</html>");

        Assert.True(await ImageGenResilience.ShouldRetryAsync(Outcome.FromResult(response), Context(), retryUnknownOutcomes: false, gatewaysMayHaveRun: false));
    }

    [Fact]
    public async Task ShouldRetry_429ForAnExhaustedQuota_IsNotRetried()
    {
        using var response = Answer(429, "application/json", """{"error":{"code":"insufficient_quota","message":"You exceeded your current quota"}}""");

        Assert.False(await ImageGenResilience.ShouldRetryAsync(Outcome.FromResult(response), Context(), retryUnknownOutcomes: true));
    }

    public static TheoryData<Exception, bool, bool> Failures => new()
    {
        { new HttpRequestException(HttpRequestError.ConnectionError, "refused"), false, true },
        { new HttpRequestException(HttpRequestError.NameResolutionError, "no such host"), false, true },
        { new HttpRequestException(HttpRequestError.ResponseEnded, "cut"), false, false },
        { new HttpRequestException(HttpRequestError.ResponseEnded, "cut"), true, true },
        { new TimeoutRejectedException(), false, false },
        { new TimeoutRejectedException(), true, true },
        { new InvalidOperationException(), true, false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public async Task ShouldRetry_Exception_RetriesConnectFailuresAndUnknownOutcomesOnlyWhenAllowed(Exception exception, bool retryUnknown, bool retried)
    {
        Assert.Equal(retried, await ImageGenResilience.ShouldRetryAsync(Outcome.FromException<HttpResponseMessage>(exception), Context(), retryUnknown));
    }

    [Theory]
    [InlineData("retry-after-ms", "1500", 1.5)]
    [InlineData("Retry-After", "7", 7)]
    [InlineData("Retry-After", "0", 0)]
    public void RetryAfter_Header_IsTheWait(string name, string value, double seconds)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation(name, value);

        Assert.Equal(TimeSpan.FromSeconds(seconds), ResponseHeaders.RetryAfter(response.Headers, new FakeTimeProvider()));
    }

    [Fact]
    public void RetryAfter_HttpDate_IsMeasuredOnTheInjectedClock()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 26, 9, 0, 0, TimeSpan.Zero));
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter = new(new DateTimeOffset(2026, 5, 26, 9, 0, 42, TimeSpan.Zero));

        Assert.Equal(TimeSpan.FromSeconds(42), ResponseHeaders.RetryAfter(response.Headers, time));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(TimeSpan.Zero, ResponseHeaders.RetryAfter(response.Headers, time));
    }

    [Fact]
    public async Task Retry_429WithRetryAfter_WaitsExactlyThatLongOnTheClock()
    {
        var time = new WatchedTimeProvider();
        var pipeline = Pipeline(time, o => o.MaxRetryAttempts = 1);
        var attempts = 0;

        var call = pipeline.ExecuteAsync(
            _ => ValueTask.FromResult(Interlocked.Increment(ref attempts) == 1 ? RateLimited(TimeSpan.FromSeconds(7)) : Answer(200, "application/json", "{}")),
            Token).AsTask();
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(7));
        time.Advance(TimeSpan.FromSeconds(6.9));
        Assert.Equal(1, attempts);
        Assert.False(call.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(0.1));
        using var response = await call;

        Assert.Equal(2, attempts);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Retry_RetryAfterAboveMaxDelay_WaitsMaxDelay()
    {
        var time = new WatchedTimeProvider();
        var pipeline = Pipeline(time, o =>
        {
            o.MaxRetryAttempts = 1;
            o.MaxDelay = TimeSpan.FromSeconds(5);
        });
        var attempts = 0;

        var call = pipeline.ExecuteAsync(
            _ => ValueTask.FromResult(Interlocked.Increment(ref attempts) == 1 ? RateLimited(TimeSpan.FromMinutes(10)) : Answer(200, "application/json", "{}")),
            Token).AsTask();
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(5));
        using var response = await call;

        Assert.Equal(2, attempts);
    }

    [Fact]
    public async Task CircuitBreaker_FailuresOverTheRatio_OpenThenHalfOpenAfterTheBreak()
    {
        var time = new FakeTimeProvider();
        var pipeline = Pipeline(time, o =>
        {
            o.MaxRetryAttempts = 0;
            o.CircuitBreakerMinimumThroughput = 4;
            o.CircuitBreakerFailureRatio = 0.5;
            o.CircuitBreakerBreakDuration = TimeSpan.FromSeconds(30);
        });
        var attempts = 0;
        ValueTask<HttpResponseMessage> Fail(CancellationToken _)
        {
            Interlocked.Increment(ref attempts);
            return ValueTask.FromResult(Answer(500, "application/json", "{}"));
        }

        for (var i = 0; i < 4; i++)
        {
            using var failed = await pipeline.ExecuteAsync(Fail, Token);
        }

        await Assert.ThrowsAsync<BrokenCircuitException>(async () => await pipeline.ExecuteAsync(Fail, Token));
        Assert.Equal(4, attempts);

        time.Advance(TimeSpan.FromSeconds(29));
        await Assert.ThrowsAsync<BrokenCircuitException>(async () => await pipeline.ExecuteAsync(Fail, Token));
        time.Advance(TimeSpan.FromSeconds(1));
        using var probe = await pipeline.ExecuteAsync(_ => ValueTask.FromResult(Answer(200, "application/json", "{}")), Token);

        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
    }

    [Fact]
    public async Task RateLimitGate_SpentBudget_HoldsTheNextRequestUntilTheReset()
    {
        var time = new WatchedTimeProvider();
        var gate = new RateLimitGate(time, maxWait: TimeSpan.FromMinutes(1));
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("x-ratelimit-remaining-requests", "0");
        response.Headers.TryAddWithoutValidation("x-ratelimit-reset-requests", "6s");

        gate.Observe(response.Headers);
        var held = gate.WaitAsync(Token).AsTask();
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(6));
        time.Advance(TimeSpan.FromSeconds(5.9));
        Assert.False(held.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(0.1));
        await held;
        Assert.Null(gate.BlockedUntil);
    }

    [Fact]
    public void RateLimitGate_ResetLongerThanMaxWait_IsCapped()
    {
        var time = new FakeTimeProvider();
        var gate = new RateLimitGate(time, maxWait: TimeSpan.FromSeconds(20));
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("x-ratelimit-remaining-tokens", "0");
        response.Headers.TryAddWithoutValidation("x-ratelimit-reset-tokens", "6m0s");

        gate.Observe(response.Headers);

        Assert.Equal(time.GetUtcNow() + TimeSpan.FromSeconds(20), gate.BlockedUntil);
    }

    [Fact]
    public void RateLimitGate_BudgetLeft_HoldsNothing()
    {
        var gate = new RateLimitGate(new FakeTimeProvider(), maxWait: TimeSpan.FromMinutes(1));
        using var response = new HttpResponseMessage(HttpStatusCode.OK);
        response.Headers.TryAddWithoutValidation("x-ratelimit-remaining-requests", "3");
        response.Headers.TryAddWithoutValidation("x-ratelimit-reset-requests", "6s");

        gate.Observe(response.Headers);

        Assert.Null(gate.BlockedUntil);
        Assert.True(gate.WaitAsync(Token).AsTask().IsCompletedSuccessfully);
    }

    private static ResiliencePipeline<HttpResponseMessage> Pipeline(TimeProvider time, Action<ImageGenResilienceOptions> configure)
    {
        var options = new ImageGenResilienceOptions { BaseDelay = TimeSpan.FromSeconds(1) };
        configure(options);
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage>();
        ImageGenResilience.Configure(builder, options, time, NullLogger.Instance);
        return builder.Build();
    }

    private static ResilienceContext Context() => ResilienceContextPool.Shared.Get(TestContext.Current.CancellationToken);

    private static HttpResponseMessage Answer(int status, string contentType, string body) =>
        new((HttpStatusCode)status) { Content = new StringContent(body, Encoding.UTF8, contentType) };

    private static HttpResponseMessage RateLimited(TimeSpan retryAfter)
    {
        var response = Answer(429, "application/json", """{"error":{"code":"rate_limit_exceeded","message":"slow down"}}""");
        response.Headers.RetryAfter = new(retryAfter);
        return response;
    }
}
