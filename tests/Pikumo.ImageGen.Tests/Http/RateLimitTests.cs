using Microsoft.Extensions.Time.Testing;
using Pikumo.ImageGen.Http;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Http;

/// <summary>A spent rate-limit budget holds the next request until it resets, before a 429 happens.</summary>
public sealed class RateLimitTests
{
    [Theory]
    [InlineData("12ms", 12)]
    [InlineData("1s", 1000)]
    [InlineData("6m0s", 360_000)]
    [InlineData("1h2m3.5s", 3_723_500)]
    [InlineData("20", 20_000)]
    public void ParseDuration_ProviderFormats_AreRead(string text, double milliseconds) =>
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), RateLimitGate.ParseDuration(text));

    [Theory]
    [InlineData("soon")]
    [InlineData("5x")]
    [InlineData("-3")]
    public void ParseDuration_Garbage_IsIgnored(string text) => Assert.Null(RateLimitGate.ParseDuration(text));

    [Fact]
    public async Task EditAsync_AfterTheRequestBudgetIsSpent_WaitsForTheResetBeforeSending()
    {
        var time = new WatchedTimeProvider();
        var requests = 0;
        await using var server = await LoopbackServer.StartAsync(c =>
        {
            Interlocked.Increment(ref requests);
            return OpenAIResponses.WriteAsync(c, OpenAIResponses.ImagesJson([TestImages.Png()]), headers: new Dictionary<string, string>
            {
                ["x-ratelimit-limit-requests"] = "5",
                ["x-ratelimit-remaining-requests"] = "0",
                ["x-ratelimit-reset-requests"] = "20s",
            });
        });
        using var client = Clients.OpenAI(server.Address, timeProvider: time);
        var request = new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png()));
        await client.EditAsync(request, TestContext.Current.CancellationToken);

        var second = client.EditAsync(request, TestContext.Current.CancellationToken);
        await time.WaitForTimerAsync(TimeSpan.FromSeconds(20)); // the gate waits for the reset, on the clock
        Assert.Equal(1, requests);
        Assert.False(second.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(20));
        await second;
        Assert.Equal(2, requests);
    }
}
