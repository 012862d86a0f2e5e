#region fake-time
using Microsoft.Extensions.Time.Testing;
using Pikumo.ImageGen;
using Pikumo.ImageGen.Testing;
using Xunit;

namespace MyApp.Tests;

public sealed class FakeTimeTests
{
    [Fact]
    public async Task A39SecondCall_TakesNoRealTime()
    {
        var time = new FakeTimeProvider();
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 1, Latency = { P95OverMedian = 1 } }, time); // the real pace, no spread
        using var client = simulator.CreateClient();

        var call = client.GenerateAsync(new ImageGenerateRequest { Prompt = "a lighthouse", Size = ImageSize.Square1024, Quality = ImageQuality.Low }, TestContext.Current.CancellationToken);
        await simulator.Recorder.WaitForWaitingCallsAsync(1, TestContext.Current.CancellationToken); // until the call waits on the clock

        time.Advance(TimeSpan.FromSeconds(39)); // the measured n=1 latency at low quality
        var result = await call;                 // result.ProcessingTime and result.Elapsed: 39 s, in no real time
        Assert.Equal(TimeSpan.FromSeconds(39), result.ProcessingTime);
    }
}
#endregion
