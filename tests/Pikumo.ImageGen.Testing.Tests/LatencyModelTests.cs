using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Testing.Tests;

/// <summary>The seed's latencies on the injected clock: fake time in tests, no real waiting.</summary>
public sealed class LatencyModelTests
{
    private const string TwoByTwo = """{"layout":{"rows":2,"columns":2,"canvas":"1024x1024","panels":[{"name":"a","beat":"1"},{"name":"b","beat":"2"},{"name":"c","beat":"3"},{"name":"d","beat":"4"}]}}""";
    private const string TwoByFour = """{"layout":{"rows":2,"columns":4,"panels":[{"name":"1","beat":"1"},{"name":"2","beat":"2"},{"name":"3","beat":"3"},{"name":"4","beat":"4"},{"name":"5","beat":"5"},{"name":"6","beat":"6"},{"name":"7","beat":"7"},{"name":"8","beat":"8"}]}}""";

    public static TheoryData<int, int, int, int, double> Measurements() => new()
    {
        { 1, 1, 1024, 1024, 39.0 },
        { 4, 1, 1024, 1024, 41.3 },
        { 2, 1, 1024, 1024, 39.0 + (2.3 / 3) },
        { 1, 4, 1024, 1024, 48.3 },
        { 1, 8, 1024, 1024, 47.0 },
        { 1, 8, 1536, 1024, 45.2 },
        { 1, 8, 1280, 1024, 46.1 },
        { 1, 8, 3840, 2160, 45.2 },
    };

    [Theory]
    [MemberData(nameof(Measurements))]
    public void Estimate_SeedCases_MatchTheMeasurementsOrInterpolateBetweenThem(int count, int panels, int width, int height, double seconds)
    {
        var estimate = new SimulatorLatency().Estimate(count, panels, new ImageSize(width, height));

        Assert.Equal(seconds, estimate.TotalSeconds, precision: 6);
    }

    public static TheoryData<string, int, ImageSize, double> Calls() => new()
    {
        { "one scene", 1, ImageSize.Square1024, 39.0 },
        { "four variants", 4, ImageSize.Square1024, 41.3 },
        { TwoByTwo, 1, ImageSize.Square1024, 48.3 },
        { TwoByFour, 1, ImageSize.Square1024, 47.0 },
        { TwoByFour, 1, ImageSize.Landscape1536x1024, 45.2 },
    };

    [Theory]
    [MemberData(nameof(Calls))]
    public async Task EditAsync_AtScaleOne_TakesTheMeasuredTimeOnTheFakeClock(string prompt, int count, ImageSize size, double seconds)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 26, 9, 0, 0, TimeSpan.Zero));
        await using var harness = await SimulatorHarness.StartAsync(Wire.InProcess, options: new SimulatorOptions { LatencyScale = 1, Latency = { P95OverMedian = 1 } }, time: time);

        var call = harness.Client.EditAsync(new ImageEditRequest(prompt, ImageInput.FromBytes(TestImages.Png())) { Count = count, Size = size, Quality = ImageQuality.Low }, TestContext.Current.CancellationToken);
        await WaitUntilWaitingAsync(harness.Recorder);
        time.Advance(TimeSpan.FromSeconds(seconds) - TimeSpan.FromMilliseconds(1));
        Assert.False(call.IsCompleted, "the call finished before its latency was up");
        time.Advance(TimeSpan.FromMilliseconds(1));

        var result = await call;
        Assert.Equal(TimeSpan.FromSeconds(seconds), result.ProcessingTime);
        Assert.Equal(seconds, result.Elapsed.TotalSeconds, precision: 3);
    }

    [Fact]
    public async Task EditAsync_DefaultScale_TakesAboutASecondForAStoryboard()
    {
        var time = new FakeTimeProvider();
        await using var harness = await SimulatorHarness.StartAsync(Wire.InProcess, options: new SimulatorOptions { Latency = { P95OverMedian = 1 } }, time: time);

        var call = harness.Client.EditAsync(new ImageEditRequest(TwoByFour, ImageInput.FromBytes(TestImages.Png())) { Size = ImageSize.Landscape1536x1024, Quality = ImageQuality.Low }, TestContext.Current.CancellationToken);
        await WaitUntilWaitingAsync(harness.Recorder);
        time.Advance(TimeSpan.FromMilliseconds(904));

        var result = await call;
        Assert.Equal(904, result.ProcessingTime!.Value.TotalMilliseconds);
        Assert.Equal(904, harness.Recorder.Last!.SimulatedLatency!.Value.TotalMilliseconds, precision: 3);
    }

    [Fact]
    public void Options_Defaults_AreTheSeedFiguresAndASmallScale()
    {
        var options = new SimulatorOptions();

        Assert.Equal(0.02, options.LatencyScale);
        Assert.Equal(
            ["39", "41.3", "48.3", "47", "45.2"],
            new[] { options.Latency.SingleImage, options.Latency.FourImages, options.Latency.Composite2x2, options.Latency.Storyboard1024, options.Latency.Storyboard1536x1024 }
                .Select(t => t.TotalSeconds.ToString(CultureInfo.InvariantCulture)));
    }

    /// <summary>Waits until the last request's simulated latency is running on the clock.</summary>
    internal static async Task WaitUntilWaitingAsync(SimulatorRecorder recorder)
    {
        await recorder.WaitForAsync(r => r.Last?.SimulatedLatency is not null, TestContext.Current.CancellationToken);
        Assert.NotNull(recorder.Last?.SimulatedLatency);
    }
}
