using Pikumo.ImageGen.Samples;

namespace Pikumo.ImageGen.Samples.Tests;

/// <summary>
/// The samples go live on exactly the environment variables the library itself reads: <c>FAL_KEY</c> or
/// <c>FAL_KEY_ID</c> + <c>FAL_KEY_SECRET</c> for fal, <c>GEMINI_API_KEY</c> or <c>GOOGLE_API_KEY</c> for Gemini. A key the
/// library would use never leaves a sample on the simulator, and the paid-run gate sees it. The keys are fake and no
/// call starts. Environment variables are process-wide, so the process-level tests share the gate's collection.
/// </summary>
[Collection(nameof(PaidRunGateTests))]
public sealed class SampleKeyEnvironmentTests
{
    private const string Fake = "test-fake-credential";

    /// <summary>Every variable a provider reads, so a case starts from none of them.</summary>
    private static readonly string[] Variables =
    [
        "OPENAI_API_KEY", "AZURE_OPENAI_ENDPOINT", "AZURE_OPENAI_API_KEY", "AZURE_OPENAI_DEPLOYMENT",
        "FAL_KEY", "FAL_KEY_ID", "FAL_KEY_SECRET", "GEMINI_API_KEY", "GOOGLE_API_KEY",
    ];

    public static TheoryData<string, string, bool> Cases => new()
    {
        { "openai", "OPENAI_API_KEY", true },
        { "openai", "", false },
        { "azure", "AZURE_OPENAI_ENDPOINT AZURE_OPENAI_API_KEY", true },
        { "azure", "AZURE_OPENAI_API_KEY", false },
        { "azure-deployment", "AZURE_OPENAI_ENDPOINT AZURE_OPENAI_API_KEY AZURE_OPENAI_DEPLOYMENT", true },
        { "azure-deployment", "AZURE_OPENAI_ENDPOINT AZURE_OPENAI_API_KEY", false },
        { "fal", "FAL_KEY", true },
        { "fal", "FAL_KEY_ID FAL_KEY_SECRET", true },
        { "fal", "FAL_KEY_ID", false },
        { "fal", "FAL_KEY_SECRET", false },
        { "fal", "OPENAI_API_KEY GEMINI_API_KEY", false },
        { "gemini", "GEMINI_API_KEY", true },
        { "gemini", "GOOGLE_API_KEY", true },
        { "gemini", "GEMINI_API_KEY GOOGLE_API_KEY", true },
        { "gemini", "FAL_KEY", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void HasKey_ReadsTheVariablesTheLibraryReads(string provider, string set, bool live)
    {
        var environment = Environment(set);

        Assert.Equal(live, SampleProviders.Parse(provider).HasKey(name => environment.GetValueOrDefault(name)));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void HasKey_AgreesWithTheLibrary_OnTheProcessEnvironment(string provider, string set, bool live)
    {
        using var scope = new EnvironmentScope(Environment(set));
        var sample = SampleProviders.Parse(provider);
        var options = new ImageGenOptions();
        sample.Apply(options);

        // The library reads the environment when a client is made, and refuses settings without a key before any call.
        var refused = Record.Exception(() => new ImageGenClient(options).Dispose());

        Assert.Equal(live, sample.HasKey());
        Assert.True(live == (refused is null), $"library {(refused is null ? "took the key" : "refused: " + refused.Message)}, sample says live = {live}");
    }

    [Theory]
    [InlineData("gemini", "GOOGLE_API_KEY")]
    [InlineData("fal", "FAL_KEY_ID FAL_KEY_SECRET")]
    public async Task FallbackKey_MakesTheRunLive_SoTheGateStopsIt(string provider, string set)
    {
        var folder = Path.Combine(Path.GetTempPath(), "pikumo-keys-" + Guid.NewGuid().ToString("N"));
        using var scope = new EnvironmentScope(Environment(set));

        var run = await CliRun.InvokeAsync("modes", "--provider", provider, "--out", folder);

        Assert.Equal(SamplesCli.UsageError, run.ExitCode);
        Assert.Contains("--yes", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("not set", run.Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(folder), "nothing may start");
    }

    [Fact]
    public async Task StorybookHelp_SaysItsPaidCallsAreACeiling()
    {
        var run = await CliRun.InvokeAsync("--help");

        Assert.Contains("up to 31 paid calls", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("up to 1 paid call ", run.Output, StringComparison.Ordinal);
    }

    /// <summary>The named variables with fake values (a URL for the Azure endpoint); every other provider variable unset.</summary>
    private static Dictionary<string, string?> Environment(string set)
    {
        var named = set.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return Variables.ToDictionary(v => v, v => named.Contains(v)
            ? v == "AZURE_OPENAI_ENDPOINT" ? "https://example-resource.openai.azure.com/" : v == "AZURE_OPENAI_DEPLOYMENT" ? "story-images" : Fake
            : null);
    }

    /// <summary>Sets process environment variables for one test and puts the previous values back.</summary>
    private sealed class EnvironmentScope : IDisposable
    {
        private readonly Dictionary<string, string?> _previous = [];

        public EnvironmentScope(Dictionary<string, string?> values)
        {
            foreach (var (name, value) in values)
            {
                _previous[name] = System.Environment.GetEnvironmentVariable(name);
                System.Environment.SetEnvironmentVariable(name, value);
            }
        }

        public void Dispose()
        {
            foreach (var (name, value) in _previous)
            {
                System.Environment.SetEnvironmentVariable(name, value);
            }
        }
    }
}
