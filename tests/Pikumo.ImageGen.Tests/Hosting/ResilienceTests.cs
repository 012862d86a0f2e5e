using System.Net;
using Microsoft.Extensions.Time.Testing;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Hosting;

/// <summary>Retry delays on the fake clock, the circuit breaker opening and half-opening, and redirects not followed.</summary>
public sealed class ResilienceTests
{
    private static ImageEditRequest Request => new("x", ImageInput.FromBytes(TestImages.Png()));

    [Fact]
    public async Task EditAsync_RateLimitedWithRetryAfter_WaitsExactlyThatLongOnTheClockBeforeRetrying()
    {
        var time = new WatchedTimeProvider();
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 }, time);
        simulator.Faults.OnImageCalls(SimulatedFault.RateLimit(TimeSpan.FromSeconds(7)), times: 1);
        using var client = simulator.CreateClient(configure: o => o.Resilience.MaxDelay = TimeSpan.FromSeconds(30));

        var call = client.EditAsync(Request, TestContext.Current.CancellationToken);
        await time.WaitForTimerAsync(due => due > TimeSpan.FromSeconds(6) && due <= TimeSpan.FromSeconds(7)); // the retry waits
        time.Advance(TimeSpan.FromSeconds(6.9));
        Assert.Single(simulator.Recorder.ImageCalls);
        Assert.False(call.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(0.2));
        var result = await call;

        Assert.Single(result.Images);
        Assert.Equal(2, simulator.Recorder.ImageCalls.Count);
    }

    [Fact]
    public async Task EditAsync_RetryAfterAboveMaxDelay_IsCappedAtMaxDelay()
    {
        var time = new WatchedTimeProvider();
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 }, time);
        simulator.Faults.OnImageCalls(SimulatedFault.RateLimit(TimeSpan.FromMinutes(10)), times: 1);
        using var client = simulator.CreateClient(configure: o => o.Resilience.MaxDelay = TimeSpan.FromSeconds(5));

        var call = client.EditAsync(Request, TestContext.Current.CancellationToken);
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(5)); // the retry waits MaxDelay, not ten minutes
        time.Advance(TimeSpan.FromSeconds(5.1));

        await call;
        Assert.Equal(2, simulator.Recorder.ImageCalls.Count);
    }

    [Fact]
    public async Task EditAsync_RepeatedServerErrors_OpenTheCircuitThenItHalfOpensAfterTheBreak()
    {
        var time = new FakeTimeProvider();
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 }, time);
        simulator.Faults.OnImageCalls(SimulatedFault.ServerError(HttpStatusCode.InternalServerError), times: 4);
        using var client = simulator.CreateClient(configure: o =>
        {
            o.Resilience.MaxRetryAttempts = 0;
            o.Resilience.CircuitBreakerMinimumThroughput = 4;
            o.Resilience.CircuitBreakerFailureRatio = 0.5;
            o.Resilience.CircuitBreakerBreakDuration = TimeSpan.FromSeconds(30);
        });

        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<ImageGenServerException>(() => client.EditAsync(Request, TestContext.Current.CancellationToken));
        }

        // Open: the call fails fast and never reaches the provider.
        var open = await Assert.ThrowsAsync<ImageGenConnectionException>(() => client.EditAsync(Request, TestContext.Current.CancellationToken));
        Assert.Contains("circuit breaker is open", open.Message, StringComparison.Ordinal);
        Assert.False(open.OutcomeUnknown);
        Assert.Equal(4, simulator.Recorder.ImageCalls.Count);

        // After the break one trial call goes through; it succeeds and the circuit closes.
        time.Advance(TimeSpan.FromSeconds(31));
        await client.EditAsync(Request, TestContext.Current.CancellationToken);
        await client.EditAsync(Request, TestContext.Current.CancellationToken);
        Assert.Equal(6, simulator.Recorder.ImageCalls.Count);
    }

    [Fact]
    public async Task EditAsync_Redirect_IsNotFollowedSoTheBodyGoesNowhereElse()
    {
        var elsewhere = 0;
        await using var server = await LoopbackServer.StartAsync(async c =>
        {
            if (c.Request.Path.StartsWithSegments("/elsewhere"))
            {
                Interlocked.Increment(ref elsewhere);
                return;
            }

            await c.Request.Body.CopyToAsync(Stream.Null);
            c.Response.StatusCode = 307;
            c.Response.Headers.Location = "/elsewhere/images/edits";
        });
        using var client = Clients.OpenAI(server.Address, o => o.Resilience.MaxRetryAttempts = 0);

        var error = await Assert.ThrowsAsync<ImageGenProviderException>(() => client.EditAsync(Request, TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.TemporaryRedirect, error.StatusCode);
        Assert.Equal(0, elsewhere);
    }
}
