using Microsoft.Extensions.Time.Testing;
using Pikumo.ImageGen.Planning;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Testing.Tests;

/// <summary>The simulator's per-call variation: log-normal, seeded, off by default.</summary>
public sealed class SimulatorLatencyTests
{
    [Fact]
    public void Vary_ProviderLike_HasTheRequestedP95OverMedian()
    {
        var random = new Random(20260526);
        var draws = Enumerable.Range(0, 20_000).Select(_ => LatencyModel.ProviderLike.Vary(TimeSpan.FromSeconds(39), random).TotalSeconds).Order().ToArray();

        var ratio = draws[(int)(0.95 * draws.Length)] / draws[draws.Length / 2];

        Assert.InRange(ratio, 1.27, 1.33);
        Assert.InRange(draws[draws.Length / 2], 38.5, 39.5);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public void ExpectedSlowestFactor_MatchesAMonteCarloEstimate(int parallel)
    {
        var random = new Random(7);
        var model = LatencyModel.ProviderLike;
        var mean = Enumerable.Range(0, 20_000)
            .Select(_ => Enumerable.Range(0, parallel).Max(_ => model.Vary(TimeSpan.FromSeconds(1), random).TotalSeconds))
            .Average();

        Assert.Equal(mean, model.ExpectedSlowestFactor(parallel), tolerance: 0.01);
        Assert.Equal(1.0, LatencyModel.Seed.ExpectedSlowestFactor(parallel));
    }

    [Fact]
    public async Task Latency_NoSpread_IsExactlyTheEstimate()
    {
        var latencies = await LatenciesAsync(new SimulatorOptions { LatencyScale = 1, Latency = { P95OverMedian = 1 } });

        Assert.All(latencies, l => Assert.Equal(TimeSpan.FromSeconds(39), l));
    }

    [Fact]
    public void Latency_Default_IsProviderLike()
    {
        Assert.Equal(SimulatorLatency.ProviderLikeP95OverMedian, new SimulatorOptions().Latency.P95OverMedian);
        Assert.Equal(1.3, SimulatorLatency.ProviderLikeP95OverMedian);
    }

    [Fact]
    public async Task Latency_ProviderLike_VariesPerCallAndRepeatsForTheSameSeed()
    {
        SimulatorOptions Options(ulong seed)
        {
            var options = new SimulatorOptions { LatencyScale = 1, Seed = seed };
            options.Latency.P95OverMedian = SimulatorLatency.ProviderLikeP95OverMedian;
            return options;
        }

        var first = await LatenciesAsync(Options(1));
        var again = await LatenciesAsync(Options(1));
        var other = await LatenciesAsync(Options(2));

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.True(first.Distinct().Count() > 1, "calls vary");
        Assert.All(first.Concat(other), l => Assert.InRange(l.TotalSeconds, 39 / 2.0, 39 * 2.0));
    }

    [Fact]
    public void P95OverMedian_BelowOne_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SimulatorLatency { P95OverMedian = 0.9 });

    /// <summary>Four low-quality n=1 edits with one reference (the seed's 39.0 s call), one after another, on a fake clock.</summary>
    private static async Task<TimeSpan[]> LatenciesAsync(SimulatorOptions options)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 26, 9, 0, 0, TimeSpan.Zero));
        await using var harness = await SimulatorHarness.StartAsync(Wire.InProcess, options: options, time: time);
        foreach (var scene in new[] { "coffee", "train", "lunch", "dusk" })
        {
            var call = harness.Client.EditAsync(
                new ImageEditRequest($"Mia, {scene}", ImageInput.FromBytes(TestImages.Png())) { Model = ImageModel.GptImage2, Quality = ImageQuality.Low, InputFidelity = InputFidelity.High },
                TestContext.Current.CancellationToken);
            await FakeClockDriver.DriveAsync(time, harness.Recorder, call, FakeClockDriver.OneAtATime(4)); // the recorder counts the earlier calls too
            await call;
        }

        return [.. harness.Recorder.ImageCalls.Select(c => c.SimulatedLatency!.Value)];
    }
}
