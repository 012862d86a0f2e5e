namespace Pikumo.ImageGen.Samples.Tests;

/// <summary><c>modes --offline --report FILE</c>: the seed's test as one command writes a page with modes A–E.</summary>
public sealed class SeedModesReportTests
{
    [Fact]
    public async Task ModesReport_Offline_WritesThePageWithEveryModesImages()
    {
        var folder = Directory.CreateTempSubdirectory("pikumo-modes-report").FullName;
        try
        {
            var page = Path.Combine(folder, "out", "report.html");

            var run = await CliRun.InvokeAsync("modes", "--offline", "--report", page, "--out", folder, "--latency-scale", "0.001");

            Assert.True(run.ExitCode == 0, run.ToString());
            var html = await File.ReadAllTextAsync(page, TestContext.Current.CancellationToken);
            foreach (var mode in new[] { "A single scene", "B n=4 variants, outfit pinned", "C 2x2 composite 1024x1024", "D 2x4 storyboard 1024x1024", "E 2x4 storyboard 1536x1024" })
            {
                Assert.Contains($"<article class=\"mode\" data-name=\"{mode}\"", html, StringComparison.Ordinal);
            }

            Assert.Equal(8, Directory.GetFiles(Path.Combine(folder, "out", "report-files"), "*.png", SearchOption.AllDirectories).Length);
            Assert.False(File.Exists(Path.Combine(folder, "out", "report-compare.html")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ModesReport_TwoProviders_WritesTheSideBySidePage()
    {
        var folder = Directory.CreateTempSubdirectory("pikumo-modes-report").FullName;
        try
        {
            var page = Path.Combine(folder, "report.html");

            var run = await CliRun.InvokeAsync("modes", "--offline", "--report", page, "--providers", "openai,fal", "--out", folder, "--latency-scale", "0.001");

            Assert.True(run.ExitCode == 0, run.ToString());
            var compare = await File.ReadAllTextAsync(Path.Combine(folder, "report-compare.html"), TestContext.Current.CancellationToken);
            Assert.Contains("<th>openai gpt-image-2</th><th>fal gpt-image-2</th>", compare, StringComparison.Ordinal);
            Assert.Equal(16, Directory.GetFiles(Path.Combine(folder, "report-files"), "*.png", SearchOption.AllDirectories).Length);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("modes", "--providers", "openai")]
    [InlineData("modes", "--models", "gpt-image-2")]
    [InlineData("modes", "--report", "r.html", "--providers", "openai,imagen")]
    public async Task ReportOptions_WithoutReportOrWithAnUnknownProvider_AreUsageErrors(params string[] args)
    {
        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(SamplesCli.UsageError, run.ExitCode);
        Assert.Contains("error:", run.Error, StringComparison.Ordinal);
    }
}
