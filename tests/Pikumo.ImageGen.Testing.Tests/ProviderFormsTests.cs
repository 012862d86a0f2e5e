using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Testing.Tests;

/// <summary>The same request object becomes each provider's own wire form; a slow drip runs into the timeout.</summary>
public sealed class ProviderFormsTests
{
    private static readonly byte[] Photo = TestImages.Png(80, 60, seed: 4);

    private static ImageEditRequest Request => new("the same scene everywhere", ImageInput.FromBytes(Photo))
    {
        Count = 2,
        Size = ImageSize.Landscape1536x1024,
        Quality = ImageQuality.Low,
        OutputFormat = ImageFormat.Png,
    };

    [Fact]
    public async Task EditAsync_OneRequest_BecomesEachProvidersWireForm()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        foreach (var provider in new[] { ImageProvider.OpenAI, ImageProvider.AzureOpenAI, ImageProvider.Fal })
        {
            using var client = simulator.CreateClient(provider, o => o.Fal.PollInterval = TimeSpan.FromMilliseconds(1));
            var result = await client.EditAsync(Request, TestContext.Current.CancellationToken);
            Assert.Equal(2, result.Images.Count);
        }

        var openai = Assert.Single(simulator.Recorder, r => r.Route == SimulatorRoute.OpenAIEdits);
        Assert.Equal("/v1/images/edits", openai.Path);
        Assert.StartsWith("Bearer ", openai.Headers["Authorization"], StringComparison.Ordinal);
        Assert.Equal(("2", "1536x1024", "low", "gpt-image-2"), (openai.Fields["n"], openai.Fields["size"], openai.Fields["quality"], openai.Fields["model"]));
        Assert.Equal(("image[]", "image/png", Photo), (openai.Images[0].Field, openai.Images[0].ContentType, openai.Images[0].Data.ToArray()), TupleWithBytes.Comparer);

        var azure = Assert.Single(simulator.Recorder, r => r.Route == SimulatorRoute.AzureEdits);
        Assert.Equal("/openai/v1/images/edits", azure.Path);
        Assert.True(azure.Headers.ContainsKey("api-key"));
        Assert.False(azure.Headers.ContainsKey("Authorization"));
        Assert.Equal(("2", "1536x1024", "low"), (azure.Fields["n"], azure.Fields["size"], azure.Fields["quality"]));
        Assert.Equal(Photo, azure.Images[0].Data.ToArray());

        var fal = Assert.Single(simulator.Recorder, r => r.Route == SimulatorRoute.FalSubmit);
        Assert.EndsWith("/openai/gpt-image-2/edit", fal.Path, StringComparison.Ordinal);
        Assert.StartsWith("Key ", fal.Headers["Authorization"], StringComparison.Ordinal);
        using var body = JsonDocument.Parse(fal.Body);
        Assert.Equal(2, body.RootElement.GetProperty("num_images").GetInt32());
        Assert.Equal(1536, body.RootElement.GetProperty("image_size").GetProperty("width").GetInt32());
        Assert.Equal("low", body.RootElement.GetProperty("quality").GetString());
        Assert.StartsWith("data:image/png;base64,", body.RootElement.GetProperty("image_urls")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(Photo, fal.Images[0].Data.ToArray());
    }

    [Fact]
    public async Task EditAsync_SlowDripBeyondTheTimeout_IsATimeoutWithUnknownOutcome()
    {
        var time = new WatchedTimeProvider();
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 }, time);
        simulator.Faults.OnImageCalls(SimulatedFault.SlowDrip(TimeSpan.FromSeconds(30), chunkBytes: 1024));
        using var client = simulator.CreateClient(configure: o =>
        {
            o.Timeout = TimeSpan.FromMinutes(2);
            o.Resilience.AttemptTimeout = TimeSpan.FromMinutes(1);
        });

        var call = client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(Photo)), TestContext.Current.CancellationToken);
        await time.AdvanceWhileWaitingAsync(call, due => due == TimeSpan.FromSeconds(30)); // one step per drip

        // The body trickles past the attempt timeout, which covers reading the body too (issue 13).
        var error = await Assert.ThrowsAsync<ImageGenTimeoutException>(() => call);
        Assert.True(error.OutcomeUnknown);
        Assert.Equal(TimeSpan.FromMinutes(1), error.Timeout);
        Assert.Contains("AttemptTimeout", error.Message, StringComparison.Ordinal);
    }

    private static class TupleWithBytes
    {
        public static readonly IEqualityComparer<(string, string?, byte[])> Comparer = EqualityComparer<(string, string?, byte[])>.Create(
            (a, b) => a.Item1 == b.Item1 && a.Item2 == b.Item2 && a.Item3.AsSpan().SequenceEqual(b.Item3),
            t => t.Item1.GetHashCode(StringComparison.Ordinal));
    }
}
