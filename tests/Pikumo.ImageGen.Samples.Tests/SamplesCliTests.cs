using System.Diagnostics;
using Pikumo.ImageGen.Samples;

namespace Pikumo.ImageGen.Samples.Tests;

/// <summary>The samples program's command line: help, errors, options anywhere, and no paid call by accident.</summary>
public sealed class SamplesCliTests
{
    [Theory]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_ListsEverySampleAndTheCommonOptions_AndRunsNothing(string help)
    {
        var folder = Path.Combine(Path.GetTempPath(), "pikumo-cli-" + Guid.NewGuid().ToString("N"));

        var run = await CliRun.InvokeAsync(help, "--out", folder);

        Assert.Equal(0, run.ExitCode);
        foreach (var name in SampleRunner.Names.Append("all").Concat(["--provider", "--offline", "--out", "--yes", "openai|azure|azure-deployment|fal|gemini"]))
        {
            Assert.Contains(name, run.Output, StringComparison.Ordinal);
        }

        Assert.False(Directory.Exists(folder));
    }

    public static TheoryData<string> Samples => new(SampleRunner.Names);

    [Theory]
    [MemberData(nameof(Samples))]
    public async Task SampleHelp_DescribesTheSampleAndRunsNothing(string sample)
    {
        var folder = Path.Combine(Path.GetTempPath(), "pikumo-cli-" + Guid.NewGuid().ToString("N"));

        var run = await CliRun.InvokeAsync(sample, "--help", "--out", folder);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(SampleRunner.Samples.Single(s => s.Name == sample).Description, run.Output, StringComparison.Ordinal);
        Assert.Contains("--provider", run.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder));
    }

    [Fact]
    public async Task ProvidersHelp_ShowsTheSamplesOwnOption()
    {
        var run = await CliRun.InvokeAsync("providers", "--help");

        Assert.Contains("--setting", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("storyboard", "--nope")]
    [InlineData("storyboard", "extra")]
    [InlineData("quickstart", "--provider", "imagen")]
    [InlineData("quickstart", "--latency-scale", "fast")]
    [InlineData("quickstart", "--out")]
    [InlineData("providers", "--setting", "no-equals-sign")]
    public async Task UnknownInput_IsAnErrorOnStderr_WithExitCode2(params string[] args)
    {
        var run = await CliRun.InvokeAsync(args);

        Assert.Equal(SamplesCli.UsageError, run.ExitCode);
        Assert.Contains("error:", run.Error, StringComparison.Ordinal);
        Assert.Contains("--help", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public async Task NoArguments_NamesTheSamples_AndRunsNothing()
    {
        var run = await CliRun.InvokeAsync();

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("storyboard", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("total", run.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--out", "{out}", "--offline", "--latency-scale", "0", "quickstart")]
    [InlineData("quickstart", "--out", "{out}", "--latency-scale", "0", "--offline")]
    [InlineData("--offline", "quickstart", "-o", "{out}", "--latency-scale", "0", "-p", "azure")]
    public async Task Options_MayStandBeforeOrAfterTheSample(params string[] args)
    {
        var folder = Directory.CreateTempSubdirectory("pikumo-cli").FullName;
        try
        {
            var run = await CliRun.InvokeAsync([.. args.Select(a => a.Replace("{out}", folder, StringComparison.Ordinal))]);

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.True(File.Exists(Path.Combine(folder, "quickstart", "coffee-0.png")), run.ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task Program_AsAProcess_ExitsWith2OnUnknownInput_And0OnHelp()
    {
        var program = Path.Combine(AppContext.BaseDirectory, "Pikumo.ImageGen.Samples.dll");

        var (bogus, bogusOut, bogusErr) = await RunProcessAsync(program, "bogus");
        var (help, helpOut, _) = await RunProcessAsync(program, "--help");

        Assert.Equal(2, bogus);
        Assert.Contains("'bogus'", bogusErr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, bogusOut);
        Assert.Equal(0, help);
        Assert.Contains("storyboard", helpOut, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Output, string Error)> RunProcessAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(program);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var key in new[] { "OPENAI_API_KEY", "AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_DEPLOYMENT", "FAL_KEY" })
        {
            start.Environment.Remove(key);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output, await error);
    }
}
