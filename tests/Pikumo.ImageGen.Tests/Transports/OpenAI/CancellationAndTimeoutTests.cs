using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Transports.OpenAI;

/// <summary>Cancellation stops the call; the options' timeout turns into a typed timeout that says whether the request was sent.</summary>
public sealed class CancellationAndTimeoutTests
{
    [Fact]
    public async Task EditAsync_CallerCancels_ThrowsOperationCanceled()
    {
        var arrived = new TaskCompletionSource();
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            arrived.TrySetResult();
            await LoopbackServer.HoldUntilAbortedAsync(context);
        });
        using var client = Clients.OpenAI(server.Address);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var call = client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())), cts.Token);
        await arrived.Task.WaitAsync(TestContext.Current.CancellationToken);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
    }

    [Fact]
    public async Task EditAsync_AttemptTimeoutAfterTheBodyWasSent_IsATimeoutWithUnknownOutcomeAndNoRetry()
    {
        var time = new FakeTimeProvider();
        var arrived = new TaskCompletionSource();
        var requests = 0;
        await using var server = await LoopbackServer.StartAsync(async context =>
        {
            Interlocked.Increment(ref requests);
            await context.Request.Body.CopyToAsync(Stream.Null);
            arrived.TrySetResult();
            await LoopbackServer.HoldUntilAbortedAsync(context);
        });
        var options = Clients.OpenAIOptions(server.Address, o => o.Resilience.AttemptTimeout = TimeSpan.FromMinutes(5));
        using var signal = new BodySentSignal();
        using var http = ImageGenHttpClients.CreateDefault(options, time, NullLogger.Instance, signal);
        using var client = new ImageGenClient(options, http, timeProvider: time);

        var call = client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken);
        await arrived.Task.WaitAsync(TestContext.Current.CancellationToken);
        await signal.Sent.Task.WaitAsync(TestContext.Current.CancellationToken); // the client has recorded that the body went out
        time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1)); // past the attempt timeout, not the call's

        var error = await Assert.ThrowsAsync<ImageGenTimeoutException>(() => call);
        Assert.True(error.OutcomeUnknown);
        Assert.Equal(TimeSpan.FromMinutes(5), error.Timeout);
        Assert.Contains("AttemptTimeout", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, requests); // an unknown outcome is not replayed by default
    }
}
