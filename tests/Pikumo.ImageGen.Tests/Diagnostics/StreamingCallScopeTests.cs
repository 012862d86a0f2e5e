using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Pikumo.ImageGen.Diagnostics;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Diagnostics;

/// <summary>
/// Streaming calls run in the same call scope as <c>EditAsync</c> and <c>GenerateAsync</c>: the cost and token metrics,
/// the success log line, and a timeout at the concurrency gate that is an <see cref="ImageGenTimeoutException"/>.
/// </summary>
public sealed class StreamingCallScopeTests
{
    private static readonly ImageUsage Usage = ImageGenModelFactory.ImageUsage(inputTextTokens: 40, outputImageTokens: 272);

    [Fact]
    public async Task StreamGenerateAsync_Completes_RecordsCostAndTokensLikeAnUnstreamedCall()
    {
        var fake = new FakeImageTransport { Name = "fake-stream-metrics", SendAsyncCallback = (r, _) => Task.FromResult(ImageGenModelFactory.ImageResult(imageCount: r.Count, usage: Usage)) };
        using var client = fake.CreateClient();
        var measurements = new ConcurrentQueue<(string Instrument, double Value, string? TokenType)>();
        using var meters = Listen(measurements, "fake-stream-metrics");

        var updates = await ToListAsync(client.StreamGenerateAsync(new ImageGenerateRequest { Prompt = "a kite", Size = ImageSize.Square1024 }, TestContext.Current.CancellationToken));

        var cost = Assert.Single(updates).Cost!.Value;
        Assert.Contains(measurements, m => m.Instrument == ImageGenTelemetry.Cost && Math.Abs(m.Value - (double)cost.Usd) < 1e-9);
        Assert.Contains(measurements, m => m.Instrument == ImageGenTelemetry.TokenUsage && m.TokenType == "input" && m.Value == Usage.InputTokens);
        Assert.Contains(measurements, m => m.Instrument == ImageGenTelemetry.TokenUsage && m.TokenType == "output" && m.Value == Usage.OutputTokens);
        Assert.Contains(measurements, m => m.Instrument == ImageGenTelemetry.ImagesGenerated && m.Value == 1);
    }

    [Fact]
    public async Task StreamGenerateAsync_Completes_LogsTheSuccessWithItsCost()
    {
        using var logs = new CapturingLoggerProvider();
        var fake = new FakeImageTransport { SendAsyncCallback = (r, _) => Task.FromResult(ImageGenModelFactory.ImageResult(imageCount: r.Count, usage: Usage)) };
        using var client = new ImageGenClient("streamed", fake, new ImageGenOptions { Provider = ImageProvider.Custom, TransportFactory = _ => fake, UseEnvironmentVariables = false }, logger: logs.CreateLogger<ImageGenClient>());

        var updates = await ToListAsync(client.StreamGenerateAsync(new ImageGenerateRequest { Prompt = "a kite" }, TestContext.Current.CancellationToken));

        var line = Assert.Single(logs.Lines, l => l.Contains("[2]", StringComparison.Ordinal));
        Assert.Contains(updates[0].Cost!.Value.ToString(), line, StringComparison.Ordinal);
        Assert.Contains("req_test_0001", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamGenerateAsync_TimeoutWhileWaitingAtTheGate_ThrowsImageGenTimeoutException()
    {
        var time = new FakeTimeProvider();
        var holding = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fake = new FakeImageTransport { StreamAsyncCallback = (_, _) => HoldAsync(holding, release.Task) };
        using var client = fake.CreateClient(o => { o.MaxConcurrentCalls = 1; o.Timeout = TimeSpan.FromMinutes(2); }, time);
        await using var first = client.StreamGenerateAsync(new ImageGenerateRequest { Prompt = "first" }, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        var firstMove = first.MoveNextAsync().AsTask();
        await holding.Task; // the first call holds the only turn
        await using var second = client.StreamGenerateAsync(new ImageGenerateRequest { Prompt = "second" }, TestContext.Current.CancellationToken).GetAsyncEnumerator(TestContext.Current.CancellationToken);
        var secondMove = second.MoveNextAsync().AsTask();

        time.Advance(TimeSpan.FromMinutes(2));

        var error = await Assert.ThrowsAsync<ImageGenTimeoutException>(() => secondMove);
        Assert.False(error.OutcomeUnknown);
        Assert.Contains("MaxConcurrentCalls", error.Message, StringComparison.Ordinal);
        Assert.Single(fake.Requests); // the second call never reached the provider
        release.SetResult();
        Assert.False(await firstMove);
    }

    /// <summary>Holds the gate until released, whatever the clock says (a provider that does not honour cancellation).</summary>
    private static async IAsyncEnumerable<ImageStreamUpdate> HoldAsync(TaskCompletionSource holding, Task release)
    {
        holding.TrySetResult();
        await release;
        yield break;
    }

    private static async Task<List<ImageStreamUpdate>> ToListAsync(IAsyncEnumerable<ImageStreamUpdate> updates)
    {
        var list = new List<ImageStreamUpdate>();
        await foreach (var update in updates)
        {
            list.Add(update);
        }

        return list;
    }

    private static MeterListener Listen(ConcurrentQueue<(string Instrument, double Value, string? TokenType)> measurements, string provider)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ImageGenTelemetry.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            string? tokenType = null;
            var mine = false;
            foreach (var tag in tags)
            {
                mine |= tag.Key == "gen_ai.provider.name" && (string?)tag.Value == provider;
                tokenType = tag.Key == "gen_ai.token.type" ? (string?)tag.Value : tokenType;
            }

            if (mine)
            {
                measurements.Enqueue((instrument.Name, value, tokenType));
            }
        }

        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<int>((i, v, tags, _) => Record(i, v, tags));
        listener.Start();
        return listener;
    }
}
