#region faults
using Pikumo.ImageGen;
using Pikumo.ImageGen.Testing;
using Xunit;

namespace MyApp.Tests;

public sealed class FaultsTests
{
    [Fact]
    public async Task RateLimit_IsRetried_ContentPolicy_IsNot()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient(configure: o =>
        {
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1); // tests wait for neither back-off…
            o.Resilience.MaxDelay = TimeSpan.FromMilliseconds(10); // …nor the Retry-After the 429 sends
        });

        // The next image call gets a 429; the client's pipeline retries and the retry succeeds.
        simulator.Faults.OnImageCalls(SimulatedFault.RateLimit(retryAfter: TimeSpan.FromSeconds(2)));
        await client.GenerateAsync(new ImageGenerateRequest { Prompt = "frame 1" }, cancellationToken);

        // A refusal is never retried: it surfaces as its own exception, with the category.
        simulator.Faults.OnImageCalls(SimulatedFault.ContentPolicy("violence"));
        var refused = await Assert.ThrowsAsync<ImageGenContentPolicyException>(
            () => client.GenerateAsync(new ImageGenerateRequest { Prompt = "frame 2" }, cancellationToken));
        Assert.Equal(["violence"], refused.Categories);
    }
}
#endregion
