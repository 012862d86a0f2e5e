using Pikumo.ImageGen.Samples;

namespace Pikumo.ImageGen.Samples.Tests;

/// <summary>Every sample runs to the end offline and writes the files it says it writes.</summary>
public sealed class SampleSmokeTests
{
    public static TheoryData<string, string[]> Samples => new()
    {
        { "storyboard", ["storyboard/storyboard.png", "storyboard/frame-1-panel_1.png", "storyboard/frame-8-panel_8.png", "storyboard/contact-sheet.png"] },
        { "quickstart", ["quickstart/coffee-0.png"] },
        { "modes", ["modes/mode-a-0.png", "modes/mode-b-3.png", "modes/mode-c-0.png", "modes/mode-d-0.png", "modes/mode-e-0.png"] },
        { "sequence", ["sequence/manifest.json", "sequence/preview/composite-01.png", "sequence/preview/frame-024.png", "sequence/final/frame-001.png", "sequence/final/frame-024.png", "sequence/preview-contact-sheet.png"] },
        { "streaming", ["streaming/partial-0.png", "streaming/partial-1.png", "streaming/final-0.png"] },
        { "providers", ["providers/default-0.png", "providers/fal-0.png"] },
        { "telemetry", [] },
        { "privacy", [] }, // it deletes its own story: the test below checks nothing is left
        { "cluster", ["cluster/story-1/manifest.json", "cluster/story-4/final/frame-006.png"] },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task Sample_Offline_RunsToTheEndAndWritesItsFiles(string sample, string[] files)
    {
        var folder = Directory.CreateTempSubdirectory("pikumo-sample").FullName;
        try
        {
            using var output = new StringWriter();
            var context = new SampleContext { Out = output, OutputDirectory = folder, ForceOffline = true, LatencyScale = 0.001 };

            var code = await SampleRunner.RunAsync(sample, context, [sample], TestContext.Current.CancellationToken);

            Assert.True(code == 0, output.ToString());
            foreach (var file in files)
            {
                var path = Path.Combine(folder, file);
                Assert.True(File.Exists(path), $"{file} is missing:\n{output}");
                var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
                if (file.EndsWith(".png", StringComparison.Ordinal))
                {
                    Assert.True(ImageHeader.TryRead(bytes, out var header) && header.Format == ImageFormat.Png && header.HasSize, $"{file} is not a PNG");
                }
            }

            Assert.Contains("total", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Privacy_Offline_LeavesNothingOfTheStory()
    {
        var folder = Directory.CreateTempSubdirectory("pikumo-sample").FullName;
        try
        {
            using var output = new StringWriter();
            var context = new SampleContext { Out = output, OutputDirectory = folder, ForceOffline = true, LatencyScale = 0.001 };

            var code = await SampleRunner.RunAsync("privacy", context, ["privacy"], TestContext.Current.CancellationToken);

            Assert.True(code == 0, output.ToString());
            Assert.False(Directory.Exists(Path.Combine(folder, "privacy")));
            Assert.Contains("nothing left: True", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Sample_UnknownName_PrintsUsage()
    {
        using var output = new StringWriter();

        var code = await SampleRunner.RunAsync("nope", new SampleContext { Out = output, ForceOffline = true }, [], TestContext.Current.CancellationToken);

        Assert.Equal(1, code);
        Assert.Contains("storyboard", output.ToString(), StringComparison.Ordinal);
    }
}
