using Pikumo.ImageGen.Samples;

namespace Pikumo.ImageGen.Samples.Tests;

/// <summary>
/// Every sample runs to the end offline on every simulated provider (OpenAI, Azure v1 route, Azure deployment route,
/// fal, Gemini), through the command line a user types, and writes the files it says it writes.
/// </summary>
public sealed class SampleMatrixTests
{
    private static readonly Dictionary<string, string[]> Files = new(StringComparer.Ordinal)
    {
        ["storyboard"] = ["storyboard/storyboard-0.png", "storyboard/frame-1-panel_1.png", "storyboard/frame-8-panel_8.png", "storyboard/contact-sheet.png"],
        ["quickstart"] = ["quickstart/coffee-0.png"],
        ["save-as-decoded"] = ["save-as-decoded/mia-0.png", "save-as-decoded/mia-1.png"],
        ["modes"] = ["modes/mode-a-0.png", "modes/mode-b-3.png", "modes/mode-c-0.png", "modes/mode-d-0.png", "modes/mode-e-0.png"],
        ["routing"] = ["routing/manifest.json", "routing/preview/frame-024.png", "routing/final/frame-001.png", "routing/final/frame-024.png"],
        ["sequence"] = ["sequence/manifest.json", "sequence/preview/composite-01.png", "sequence/preview/frame-024.png", "sequence/final/frame-001.png", "sequence/final/frame-024.png", "sequence/preview-contact-sheet.png"],
        ["streaming"] = ["streaming/final-0.png"],
        ["providers"] = ["providers/default-0.png", "providers/fal-0.png", "providers/gemini-0.png"],
        ["telemetry"] = [],
        ["privacy"] = [],   // it deletes its own story: Privacy_LeavesNothingOfTheStory checks that
        ["storybook"] = ["storybook/part-1/manifest.json", "storybook/part-1/preview/composite-01.png", "storybook/part-1/preview/frame-006.png", "storybook/part-1/final/frame-001.png", "storybook/part-1/final/frame-006.png", "storybook/part-2/manifest.json", "storybook/part-2/final/frame-002.png"],
        ["cluster"] = ["cluster/story-1/manifest.json", "cluster/story-4/final/frame-006.png"],
        ["modes --report"] = ["report.html", "report-files/{provider}-{model}/mode-a-0.png", "report-files/{provider}-{model}/mode-e-0.png"],
    };

    /// <summary>Every command the program offers, and the sample variants behind an option (<c>modes --report</c>).</summary>
    private static IEnumerable<string> Commands => SampleRunner.Names.Append("modes --report");

    public static TheoryData<string, string> Matrix
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var sample in Commands)
            {
                foreach (var provider in SampleProviders.Names)
                {
                    data.Add(sample, provider);
                }
            }

            return data;
        }
    }

    [Fact]
    public void Matrix_CoversEverySampleTheProgramOffers() =>
        Assert.Equal(Commands.Order(), Files.Keys.Order());

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Sample_OfflineOnProvider_RunsToTheEndAndWritesItsFiles(string sample, string provider)
    {
        var folder = Directory.CreateTempSubdirectory("pikumo-sample").FullName;
        try
        {
            var run = await CliRun.InvokeAsync([.. sample.Split(' '), "--provider", provider, "--offline", "--out", folder, "--latency-scale", "0"]);

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains($"speaking {provider}", run.Output, StringComparison.Ordinal);
            Assert.Contains("total", run.Output, StringComparison.Ordinal);
            Assert.Equal(string.Empty, run.Error);
            foreach (var file in Files[sample].Select(f => f.Replace("{provider}", provider, StringComparison.Ordinal).Replace("{model}", provider == "gemini" ? "gemini-3-1-flash-image" : "gpt-image-2", StringComparison.Ordinal)))
            {
                var path = Path.Combine(folder, file);
                Assert.True(File.Exists(path), $"{file} is missing:\n{run}");
                if (file.EndsWith(".png", StringComparison.Ordinal))
                {
                    var bytes = await File.ReadAllBytesAsync(path, TestContext.Current.CancellationToken);
                    Assert.True(ImageHeader.TryRead(bytes, out var header) && header.Format == ImageFormat.Png && header.HasSize, $"{file} is not a PNG");
                }
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task QuickStart_RunTwice_KeepsTheFirstRunsImage()
    {
        var folder = Directory.CreateTempSubdirectory("pikumo-sample").FullName;
        try
        {
            var first = await CliRun.InvokeAsync("quickstart", "--offline", "--out", folder, "--latency-scale", "0");
            var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, "quickstart", "coffee-0.png"), TestContext.Current.CancellationToken);
            var second = await CliRun.InvokeAsync("quickstart", "--offline", "--out", folder, "--latency-scale", "0");

            Assert.True(first.ExitCode == 0 && second.ExitCode == 0, second.ToString());
            Assert.Contains("coffee-0 (2).png", second.Output, StringComparison.Ordinal);
            Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(folder, "quickstart", "coffee-0.png"), TestContext.Current.CancellationToken));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Privacy_LeavesNothingOfTheStory()
    {
        var folder = Directory.CreateTempSubdirectory("pikumo-sample").FullName;
        try
        {
            var run = await CliRun.InvokeAsync("privacy", "--offline", "--out", folder, "--latency-scale", "0");

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.False(Directory.Exists(Path.Combine(folder, "privacy")));
            Assert.Contains("nothing left: True", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Sequence_ShowsEachStep_WithCostAgainstThePlanAndTheTimeLeft()
    {
        var folder = Directory.CreateTempSubdirectory("pikumo-sample").FullName;
        try
        {
            var run = await CliRun.InvokeAsync("sequence", "--offline", "--out", folder, "--latency-scale", "0.001");

            Assert.True(run.ExitCode == 0, run.ToString());
            var lines = run.Output.Split('\n');
            Assert.Contains(lines, l => l.StartsWith("Preview  0/24 frames  $0.000 of $", StringComparison.Ordinal) && l.Contains("planned: 24 frames in 3 chunk(s)", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.StartsWith("Final   24/24 frames", StringComparison.Ordinal) && l.EndsWith("finished", StringComparison.Ordinal));
            Assert.Contains(lines, l => l.Contains("chunk 3/3 finished", StringComparison.Ordinal));
            Assert.Equal(48, lines.Count(l => l.Contains(" landed in ", StringComparison.Ordinal)));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
