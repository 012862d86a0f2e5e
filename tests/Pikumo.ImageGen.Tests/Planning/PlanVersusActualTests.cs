using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Pikumo.ImageGen.Planning;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;
using Pikumo.ImageGen.Tests.Sequences;

namespace Pikumo.ImageGen.Tests.Planning;

/// <summary>
/// The plan says what the run costs and takes: the seed's five modes and 24-beat preview and final runs, planned and
/// then run on the simulator at the real service's pace on a fake clock. Cost within 5 %, time within 10 %.
/// </summary>
public sealed class PlanVersusActualTests
{
    private static readonly DateTimeOffset Start = new(2026, 5, 26, 9, 0, 0, TimeSpan.Zero);
    private static readonly string[] DayInTheLife =
    [
        "early-morning bedroom", "coffee", "train commute", "cafe lunch",
        "afternoon reading", "midday park", "dinner cooking", "dusk balcony",
    ];

    public static TheoryData<string, ImageProvider> Modes()
    {
        var data = new TheoryData<string, ImageProvider>();
        foreach (var provider in new[] { ImageProvider.OpenAI, ImageProvider.AzureOpenAI, ImageProvider.Fal })
        {
            foreach (var mode in new[] { "A", "B", "C", "D", "E" })
            {
                data.Add(mode, provider);
            }
        }

        return data;
    }

    /// <summary>The seed's mode as the samples build it: low quality, one reference at high fidelity (fal takes no fidelity field).</summary>
    internal static ImageEditRequest SeedMode(string mode, ImageProvider provider)
    {
        var photo = ImageInput.FromBytes(TestImages.Png(96, 96, seed: 7), "mia.png");
        PromptSpecBuilder Mia() => new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithStyle(ImageStyle.Dreamscape);
        var coffee = new Scene("Mia drinks her morning coffee by the kitchen window") { TimeOfDay = "early morning" };
        var request = mode switch
        {
            "A" => Mia().WithScene(coffee).Build().ToEditRequest(photo),
            "B" => Mia().PinWardrobe("Mia", new WardrobePin("cream cable-knit sweater over light-blue striped pajama trousers")).WithScene(coffee).Build().ToVariantsRequest(4, photo),
            "C" => Mia().WithLayout(new CompositeLayoutBuilder(2, 2, ImageSize.Square1024)
                .AddBeats(["morning coffee", "midday park walk", "afternoon reading", "evening at a balcony"]).Build()).Build().ToEditRequest(photo),
            "D" => Mia().WithLayout(new CompositeLayoutBuilder(2, 4, ImageSize.Square1024).AddBeats(DayInTheLife.Select(Scene.FromBeat)).Build()).Build().ToEditRequest(photo),
            _ => Mia().WithLayout(new CompositeLayoutBuilder(2, 4, ImageSize.Landscape1536x1024).AddBeats(DayInTheLife.Select(Scene.FromBeat)).Build()).Build().ToEditRequest(photo),
        };

        return request with
        {
            Model = "gpt-image-2",
            Quality = ImageQuality.Low,
            InputFidelity = provider == ImageProvider.Fal ? (InputFidelity?)null : InputFidelity.High,
        };
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public async Task SeedMode_OnTheSimulator_CostsAndTakesWhatThePlanSays(string mode, ImageProvider provider)
    {
        var time = new WatchedTimeProvider(Start);
        await using var harness = await SimulatorHarness.StartAsync(Wire.InProcess, provider, FalPolls, new SimulatorOptions { LatencyScale = 1, Latency = { P95OverMedian = 1 } }, time);
        var request = SeedMode(mode, provider);
        var plan = new SequencePlanner().PlanCall(request, harness.Client.ProviderName, "gpt-image-2");

        var call = harness.Client.EditAsync(request, TestContext.Current.CancellationToken);
        await DriveAsync(time, harness.Recorder, call, provider, FakeClockDriver.OneAtATime());
        var result = await call;

        var cost = result.Cost!.Value;
        Report($"mode {mode} on {harness.Client.ProviderName}: planned ${plan.CostUsd:0.0000} {plan.WallClock.TotalSeconds:0.0} s, actual ${cost.Usd:0.0000} ({cost.Basis}) {result.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal(provider == ImageProvider.Fal ? ImageCostBasis.Estimate : ImageCostBasis.Usage, cost.Basis);
        AssertWithin(plan.CostUsd, cost.Usd, 0.05m);
        AssertWithin(plan.WallClock.TotalSeconds, result.Elapsed.TotalSeconds, 0.10);
    }

    [Fact]
    public void SeedModes_Plan_ModeAIsTheSeedsSixPointSevenCentsAndTheOthersBillInputOncePerCall()
    {
        var planner = new SequencePlanner();
        var cost = new[] { "A", "B", "C", "D", "E" }.ToDictionary(m => m, m => planner.PlanCall(SeedMode(m, ImageProvider.AzureOpenAI), "azure.ai.openai").CostUsd);

        Assert.Equal(0.067m, decimal.Round(cost["A"], 3));

        // n=4 pays the reference once and four low-quality outputs: far below 4 × $0.067.
        Assert.InRange(cost["B"], 0.080m, 0.090m);
        Assert.All(new[] { "C", "D", "E" }, m => Assert.InRange(cost[m], 0.066m, 0.073m));
        Assert.True(cost["E"] > cost["D"], "a 1536×1024 canvas makes more output tokens than 1024×1024");
    }

    public static TheoryData<ImageProvider, SequenceTier> Runs() => new()
    {
        { ImageProvider.OpenAI, SequenceTier.Final },
        { ImageProvider.OpenAI, SequenceTier.Preview },
        { ImageProvider.Fal, SequenceTier.Final },
        { ImageProvider.Fal, SequenceTier.Preview },
    };

    [Theory]
    [MemberData(nameof(Runs))]
    public async Task TwentyFourBeats_OnTheSimulator_CostAndTakeWhatThePlanSays(ImageProvider provider, SequenceTier tier)
    {
        var time = new WatchedTimeProvider(Start);
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 1, Latency = { P95OverMedian = 1 } }, time);
        var (planned, actual, elapsed) = await RunAsync(simulator, time, provider, tier, Story(24, provider), latency: null);

        Report($"24 beats {tier} on {provider}: planned ${planned.CostUsd:0.000} {planned.WallClock.TotalSeconds:0.0} s ({planned.Calls} calls), actual ${actual.CostUsd:0.000} {elapsed.TotalSeconds:0.0} s ({actual.Calls} calls)");
        Assert.Equal(planned.Calls, actual.Calls);
        AssertWithin(planned.CostUsd, actual.CostUsd, 0.05m);
        AssertWithin(planned.WallClock.TotalSeconds, elapsed.TotalSeconds, 0.10);
    }

    [Fact]
    public async Task TwentyFourBeats_ProviderLikeVariation_MeanOfSeededRunsIsWithinTenPercentOfThePlan()
    {
        var elapsed = new List<double>();
        TierPlan? planned = null;
        for (var seed = 1UL; seed <= 6; seed++)
        {
            var time = new WatchedTimeProvider(Start);
            var options = new SimulatorOptions { LatencyScale = 1, Seed = seed };
            options.Latency.P95OverMedian = SimulatorLatency.ProviderLikeP95OverMedian;
            var simulator = new ImageGenSimulator(options, time);
            var run = await RunAsync(simulator, time, ImageProvider.OpenAI, SequenceTier.Final, Story(24, ImageProvider.OpenAI), LatencyModel.ProviderLike);
            planned = run.Planned;
            elapsed.Add(run.Elapsed.TotalSeconds);
        }

        var mean = elapsed.Average();
        Report($"24 beats final, p95/p50 1.3: planned {planned!.WallClock.TotalSeconds:0.0} s, simulated {string.Join(", ", elapsed.Select(e => e.ToString("0.0", CultureInfo.InvariantCulture)))} s (mean {mean:0.0} s)");
        Assert.True(elapsed.Distinct().Count() > 1, "seeded runs vary");
        Assert.True(planned.WallClock > new SequencePlanner().Plan(Story(24, ImageProvider.OpenAI)).Final.WallClock, "the plan counts the slowest of each chunk's parallel calls");
        AssertWithin(planned.WallClock.TotalSeconds, mean, 0.10);
    }

    /// <summary>A 24-beat story with the library's tier defaults (preview: low 1536×1024 storyboards; final: high 1024×1536 frames).</summary>
    internal static SequenceRequest Story(int beats, ImageProvider provider)
    {
        var request = new SequenceRequest(
            new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithStyle(ImageStyle.Dreamscape),
            Enumerable.Range(0, beats).Select(i => new Scene($"{DayInTheLife[i % DayInTheLife.Length]}, day {(i / DayInTheLife.Length) + 1}")),
            [ImageInput.FromBytes(TestImages.Png(96, 96, seed: 3), "mia.png")])
        {
            Model = "gpt-image-2",
        };

        // fal takes no input_fidelity: leave it off there (what the library's defaults should do on fal).
        return provider == ImageProvider.Fal
            ? request with { Preview = request.Preview with { InputFidelity = null }, Final = request.Final with { InputFidelity = null } }
            : request;
    }

    private static async Task<(TierPlan Planned, TierPlan Actual, TimeSpan Elapsed)> RunAsync(
        ImageGenSimulator simulator, WatchedTimeProvider time, ImageProvider provider, SequenceTier tier, SequenceRequest story, LatencyModel? latency)
    {
        using var client = simulator.CreateClient(provider, FalPolls);
        using var folder = new TempFolder();
        var runner = new SequenceRunner(client, new WholeImageSlicer(), timeProvider: time);
        var plan = runner.Plan(story, latency: latency);
        var started = time.GetUtcNow();
        var run = runner.RunToEndAsync(story, tier, new SequenceRunOptions { OutputDirectory = folder.Path }, TestContext.Current.CancellationToken);
        var chunks = plan.ChunkSizes;
        await DriveAsync(time, simulator.Recorder, run, provider, tier == SequenceTier.Final ? ScheduleSimulation.InFlight(simulator.Recorder, story, client.Options.MaxConcurrentCalls) : FakeClockDriver.OneAtATime(chunks.Count));
        var result = await run;
        Assert.All(result.Frames, f => Assert.Equal(SequenceFrameStatus.Done, f.Status));
        return (tier == SequenceTier.Final ? plan.Final : plan.Preview, result.Actual, time.GetUtcNow() - started);
    }

    /// <summary>fal's client polls every half second (not backing off to 5 s), so the measured time is the job's plus at most one poll.</summary>
    private static void FalPolls(ImageGenOptions options)
    {
        options.Fal.PollInterval = TimeSpan.FromMilliseconds(500);
        options.Fal.MaxPollInterval = TimeSpan.FromMilliseconds(500);
    }

    /// <summary>
    /// OpenAI and Azure: jump the clock to each simulated completion once the calls that run at once wait on it. fal: the
    /// client waits on its own poll timer, so step the clock by the poll interval once every job in flight waits on it.
    /// </summary>
    private static Task DriveAsync(WatchedTimeProvider time, SimulatorRecorder recorder, Task run, ImageProvider provider, Func<int, int> inFlight) =>
        provider == ImageProvider.Fal
            ? FakeClockDriver.DrivePollsAsync(time, recorder, run, TimeSpan.FromMilliseconds(500), inFlight)
            : FakeClockDriver.DriveAsync(time, recorder, run, inFlight);

    private static void AssertWithin(decimal planned, decimal actual, decimal tolerance) =>
        Assert.True(Math.Abs(actual - planned) <= tolerance * actual, $"planned ${planned:0.0000}, actual ${actual:0.0000}: more than {tolerance:P0} apart");

    private static void AssertWithin(double planned, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual - planned) <= tolerance * actual, $"planned {planned:0.00} s, actual {actual:0.00} s: more than {tolerance:P0} apart");

    /// <summary>Writes a measured line to the test output (and, with <c>PIKUMO_PLAN_REPORT</c> set to a file path, to that file for docs/planning.md).</summary>
    private static void Report(string line)
    {
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        if (Environment.GetEnvironmentVariable("PIKUMO_PLAN_REPORT") is { Length: > 0 } path)
        {
            lock (typeof(PlanVersusActualTests))
            {
                File.AppendAllLines(path, [line]);
            }
        }
    }
}
