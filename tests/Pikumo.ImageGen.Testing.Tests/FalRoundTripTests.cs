using Microsoft.Extensions.Time.Testing;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Testing.Tests;

/// <summary>fal through the library's transport and the simulator, in process and over 127.0.0.1.</summary>
public sealed class FalRoundTripTests
{
    [Theory]
    [MemberData(nameof(SimulatorHarness.Wires), MemberType = typeof(SimulatorHarness))]
    public async Task EditAsync_FalQueue_RoundTripsDataUrisPollingAndDownloads(Wire wire)
    {
        await using var harness = await SimulatorHarness.StartAsync(wire, ImageProvider.Fal, o => o.Fal.PollInterval = TimeSpan.FromMilliseconds(1));
        var photo = TestImages.Png(64, 64, seed: 8);

        var result = await harness.Client.EditAsync(
            new ImageEditRequest("a walk in the park", ImageInput.FromBytes(photo)) { Count = 3, Size = ImageSize.Landscape1536x1024, Quality = ImageQuality.Low },
            TestContext.Current.CancellationToken);

        Assert.Equal(3, result.Images.Count);
        Assert.All(result.Images, i => Assert.Equal((1536, 1024, ImageFormat.Png), (i.Width, i.Height, i.Format)));
        Assert.Equal("fal", result.Provider);
        Assert.NotNull(result.RequestId);
        Assert.Equal(ImageCostBasis.Estimate, result.Cost!.Value.Basis);
        var submit = Assert.Single(harness.Recorder, r => r.Route == SimulatorRoute.FalSubmit);
        Assert.Equal(photo, submit.Images[0].Data.ToArray());
        Assert.Contains(harness.Recorder, r => r.Route == SimulatorRoute.FalStatus);
        Assert.Contains(harness.Recorder, r => r.Route == SimulatorRoute.FalResult);
    }

    [Theory]
    [MemberData(nameof(SimulatorHarness.Wires), MemberType = typeof(SimulatorHarness))]
    public async Task GenerateAsync_FalSync_RoundTrips(Wire wire)
    {
        await using var harness = await SimulatorHarness.StartAsync(wire, ImageProvider.Fal, o => o.Fal.UseQueue = false);

        var result = await harness.Client.GenerateAsync(new ImageGenerateRequest("a lighthouse") { Size = ImageSize.Square1024 }, TestContext.Current.CancellationToken);

        Assert.Equal((1024, 1024), (result.Images[0].Width, result.Images[0].Height));
        Assert.Contains(harness.Recorder, r => r.Route == SimulatorRoute.FalRun);
    }

    [Fact]
    public async Task EditAsync_FalJobFails_BecomesTheTypedError()
    {
        await using var harness = await SimulatorHarness.StartAsync(Wire.InProcess, ImageProvider.Fal, o => o.Fal.PollInterval = TimeSpan.FromMilliseconds(1));
        harness.Simulator.Faults.OnRoute(SimulatorRoute.FalSubmit, SimulatedFault.FalJobFails());

        var error = await Assert.ThrowsAsync<ImageGenServerException>(() =>
            harness.Client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken));

        Assert.NotNull(error.RequestId);
    }

    [Fact]
    public async Task EditAsync_FalContentPolicy_BecomesContentPolicy()
    {
        await using var harness = await SimulatorHarness.StartAsync(Wire.InProcess, ImageProvider.Fal, o => o.Fal.PollInterval = TimeSpan.FromMilliseconds(1));
        harness.Simulator.Faults.OnRoute(SimulatorRoute.FalSubmit, SimulatedFault.ContentPolicy());

        await Assert.ThrowsAsync<ImageGenContentPolicyException>(() =>
            harness.Client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task EditAsync_FalJobNeverCompletes_TimesOutOnTheFakeClockAndCancelsTheJob()
    {
        var time = new WatchedTimeProvider();
        await using var harness = await SimulatorHarness.StartAsync(
            Wire.InProcess,
            ImageProvider.Fal,
            o =>
            {
                o.Timeout = TimeSpan.FromMinutes(3);
                o.Resilience.AttemptTimeout = TimeSpan.FromMinutes(1);
            },
            time: time);
        harness.Simulator.Faults.OnRoute(SimulatorRoute.FalSubmit, SimulatedFault.FalJobNeverCompletes());

        var call = harness.Client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken);
        await time.AdvanceWhileWaitingAsync(call, due => due <= TimeSpan.FromSeconds(5)); // each poll's back-off, never the cancel's own 10 s limit

        var error = await Assert.ThrowsAsync<ImageGenTimeoutException>(() => call);
        Assert.True(error.OutcomeUnknown);
        Assert.NotNull(error.RequestId);
        Assert.Contains(harness.Recorder, r => r.Route == SimulatorRoute.FalCancel);
    }
}
