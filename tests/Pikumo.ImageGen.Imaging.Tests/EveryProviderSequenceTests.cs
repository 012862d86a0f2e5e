using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Transports.Azure;
using SkiaSharp;

namespace Pikumo.ImageGen.Imaging.Tests;

/// <summary>
/// One set of defaults for every provider (issue 13, section 2): both tiers of a 12-beat sequence, with the library's
/// own tier settings and the default Throw policy, run offline on OpenAI, Azure's v1 and deployment routes, and fal.
/// </summary>
public sealed class EveryProviderSequenceTests
{
    public static TheoryData<string> Providers() => ["openai", "azure-v1", "azure-deployment", "fal", "gemini", "fal-ai/flux-2-pro", "fal-ai/flux-2/turbo", "fal-ai/nano-banana-2"];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task BothTiersOfTwelveBeats_WithTheLibraryDefaults_RunOnEveryProvider(string provider)
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient(
            provider.StartsWith("fal", StringComparison.Ordinal) ? ImageProvider.Fal : provider == "gemini" ? ImageProvider.Gemini
            : provider.StartsWith("azure", StringComparison.Ordinal) ? ImageProvider.AzureOpenAI : ImageProvider.OpenAI,
            o =>
            {
                o.Fal.PollInterval = TimeSpan.FromMilliseconds(1);
                o.Fal.MaxPollInterval = TimeSpan.FromMilliseconds(2);
                if (provider == "azure-deployment")
                {
                    o.Azure.Route = AzureOpenAIRoute.Deployment;
                }
            });
        Assert.Equal(UnsupportedParameterPolicy.Throw, client.Options.UnsupportedParameters);
        var story = new SequenceRequest(
            new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithStyle(ImageStyle.Dreamscape),
            Enumerable.Range(1, 12).Select(i => new Scene($"beat {i}")),
            [ImageInput.FromBytes(SlicingTests.Png(64, 64, SKColors.Teal))])
        {
            Model = provider.StartsWith("fal-ai/", StringComparison.Ordinal) ? new ImageModel(provider) : (ImageModel?)null,
        };
        var folder = Directory.CreateTempSubdirectory("pikumo-every-provider").FullName;
        try
        {
            var runner = new SequenceRunner(client, new SkiaCompositeSlicer());

            var preview = await runner.RunToEndAsync(story, SequenceTier.Preview, new SequenceRunOptions { OutputDirectory = folder }, TestContext.Current.CancellationToken);
            var final = await runner.RunToEndAsync(story, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder }, TestContext.Current.CancellationToken);

            Assert.Equal(12, preview.Frames.Count);
            Assert.All(preview.Frames, f => Assert.Equal(SequenceFrameStatus.Done, f.Status));
            Assert.Equal(12, final.Frames.Count);
            Assert.All(final.Frames, f => Assert.Equal(SequenceFrameStatus.Done, f.Status));
            Assert.All(final.Frames, f => Assert.True(File.Exists(f.FilePath)));
            var calls = simulator.Recorder.ImageCalls;
            Assert.Equal(preview.Actual.Calls + final.Actual.Calls, calls.Count);

            // The tier default input_fidelity=high goes where it is taken and nowhere else.
            Assert.All(calls, c => Assert.Equal(provider is "fal" or "gemini" || provider.StartsWith("fal-", StringComparison.Ordinal) ? null : "high", c.Fields.GetValueOrDefault("input_fidelity")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
