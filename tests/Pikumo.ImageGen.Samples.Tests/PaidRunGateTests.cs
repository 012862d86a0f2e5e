using Pikumo.ImageGen.Samples;

namespace Pikumo.ImageGen.Samples.Tests;

/// <summary>
/// With a provider key in the environment, a run that would make more than one paid call stops before any call
/// unless <c>--yes</c> is given. The key here is fake and no test in this class lets a call start: each either
/// stops before creating a client or makes no call at all (the sequence sample prints its free plan).
/// Environment variables are process-wide, so this collection runs alone.
/// </summary>
[Collection(nameof(PaidRunGateTests))]
[CollectionDefinition(nameof(PaidRunGateTests), DisableParallelization = true)]
public sealed class PaidRunGateTests
{
    [Theory]
    [InlineData("OPENAI_API_KEY", "modes")]
    [InlineData("OPENAI_API_KEY", "providers")]
    [InlineData("OPENAI_API_KEY", "all")]
    [InlineData("FAL_KEY", "modes")]
    public async Task MultiCallRun_WithAKeyButNoYes_IsRefusedBeforeAnyCall(string variable, string sample)
    {
        var folder = Path.Combine(Path.GetTempPath(), "pikumo-gate-" + Guid.NewGuid().ToString("N"));
        using var key = new EnvironmentVariable(variable, "test-fake-credential");

        var run = await CliRun.InvokeAsync(sample, "--out", folder);

        Assert.Equal(SamplesCli.UsageError, run.ExitCode);
        Assert.Contains("--yes", run.Error, StringComparison.Ordinal);
        Assert.Contains("paid calls", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder), "nothing may start");
    }

    [Fact]
    public async Task Sequence_WithAKeyButNoYes_PrintsTheFreePlanAndStops()
    {
        var folder = Directory.CreateTempSubdirectory("pikumo-gate").FullName;
        try
        {
            using var key = new EnvironmentVariable("OPENAI_API_KEY", "test-fake-credential");

            var run = await CliRun.InvokeAsync("sequence", "--out", folder);

            Assert.Equal(0, run.ExitCode);
            Assert.Contains("--yes", run.Error, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(folder, "sequence", "manifest.json")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task MultiCallRun_WithAKeyAndOffline_RunsOnTheSimulator()
    {
        var folder = Directory.CreateTempSubdirectory("pikumo-gate").FullName;
        try
        {
            using var key = new EnvironmentVariable("OPENAI_API_KEY", "test-fake-credential");

            var run = await CliRun.InvokeAsync("modes", "--offline", "--out", folder, "--latency-scale", "0");

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("offline simulator", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task ProviderWithoutItsKey_RunsOffline_EvenWhenAnotherKeyIsSet()
    {
        var folder = Directory.CreateTempSubdirectory("pikumo-gate").FullName;
        try
        {
            using var key = new EnvironmentVariable("OPENAI_API_KEY", "test-fake-credential");
            using var noFal = new EnvironmentVariable("FAL_KEY", null);
            using var noFalId = new EnvironmentVariable("FAL_KEY_ID", null);
            using var noFalSecret = new EnvironmentVariable("FAL_KEY_SECRET", null);

            var run = await CliRun.InvokeAsync("modes", "--provider", "fal", "--out", folder, "--latency-scale", "0");

            Assert.True(run.ExitCode == 0, run.ToString());
            Assert.Contains("FAL_KEY (or FAL_KEY_ID and FAL_KEY_SECRET) not set", run.Output, StringComparison.Ordinal);
            Assert.Contains("speaking fal", run.Output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed class EnvironmentVariable : IDisposable
    {
        private readonly string _name;
        private readonly string? _previous;

        public EnvironmentVariable(string name, string? value)
        {
            _name = name;
            _previous = Environment.GetEnvironmentVariable(name);
            Environment.SetEnvironmentVariable(name, value);
        }

        public void Dispose() => Environment.SetEnvironmentVariable(_name, _previous);
    }
}
