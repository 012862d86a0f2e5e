using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Testing.Tests.Recording;

/// <summary>What the recorder keeps for assertions, and what it never shows.</summary>
public sealed class SimulatorRecorderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ImageProvider.OpenAI, "Authorization: Bearer [REDACTED]")]
    [InlineData(ImageProvider.AzureOpenAI, "api-key: [REDACTED]")]
    public async Task ToString_AfterACall_RedactsTheCredentialButKeepsTheScheme(ImageProvider provider, string shown)
    {
        await using var harness = await SimulatorHarness.StartAsync(Wire.InProcess, provider);
        await harness.Client.EditAsync(new ImageEditRequest("a quiet street", ImageInput.FromBytes(TestImages.Png())), Ct);

        var text = harness.Recorder.ToString();

        Assert.Contains(shown, text, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Simulator.Options.OpenAIApiKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain(harness.Simulator.Options.AzureApiKey, text, StringComparison.Ordinal);
        Assert.Contains("prompt = a quiet street", text, StringComparison.Ordinal);
        Assert.Contains("image[] 'image-1.png' image/png: png 64x64", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Headers_AfterACall_KeepTheCredentialAsSentForAssertions()
    {
        await using var harness = await SimulatorHarness.StartAsync(Wire.InProcess);
        await harness.Client.GenerateAsync(new ImageGenerateRequest { Prompt = "p" }, Ct);

        Assert.Equal("Bearer " + harness.Simulator.Options.OpenAIApiKey, harness.Recorder.Single().Headers["authorization"]);
    }

    [Fact]
    public async Task Recorder_SeveralCalls_KeepsOrderFiltersByRouteAndClears()
    {
        await using var harness = await SimulatorHarness.StartAsync(Wire.InProcess);
        await harness.Client.GenerateAsync(new ImageGenerateRequest { Prompt = "one", Count = 2, Size = ImageSize.Square1024 }, Ct);
        await harness.Client.EditAsync(new ImageEditRequest("two", ImageInput.FromBytes(TestImages.Png())), Ct);

        Assert.Equal(["one", "two"], harness.Recorder.Select(r => r.Prompt));
        Assert.Equal([0, 1], harness.Recorder.Select(r => r.Index));
        Assert.Equal("2", harness.Recorder.For(SimulatorRoute.OpenAIGenerations).Single().Fields["n"]);
        Assert.Equal(2, harness.Recorder.ImageCalls.Count);
        Assert.Equal("two", harness.Recorder.Last!.Prompt);

        harness.Recorder.Clear();
        await harness.Client.GenerateAsync(new ImageGenerateRequest { Prompt = "three" }, Ct);

        Assert.Equal(2, harness.Recorder.Single().Index);
    }

    [Fact]
    public void RedactHeader_SecretHeaders_HideTheValue()
    {
        Assert.Equal("Key [REDACTED]", RecordedRequest.RedactHeader("Authorization", "Key id:secret"));
        Assert.Equal("[REDACTED]", RecordedRequest.RedactHeader("api-key", "abc def"));
        Assert.Equal("application/json", RecordedRequest.RedactHeader("Content-Type", "application/json"));
    }
}
