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
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 1 }, time); // the real service's pace
        using var client = simulator.CreateClient();

        var call = client.GenerateAsync(new ImageGenerationRequest { Prompt = "a lighthouse", Size = ImageSize.Square1024 }, TestContext.Current.CancellationToken);
        while (simulator.Recorder.Last?.SimulatedLatency is null)
        {
            await Task.Yield(); // until the call waits on the clock (in process, that is at once)
        }

        time.Advance(TimeSpan.FromSeconds(39)); // the measured n=1 latency
        var result = await call;                 // result.ProcessingTime and result.Elapsed: 39 s, in no real time
        Assert.Equal(TimeSpan.FromSeconds(39), result.ProcessingTime);
    }
}
#endregion
