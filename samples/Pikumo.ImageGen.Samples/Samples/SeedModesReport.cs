using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics;
using System.Globalization;
using Pikumo.ImageGen.Planning;
using Pikumo.ImageGen.Reporting;
using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Samples;

/// <summary>
/// The test report as one command: <c>modes --report out/report.html</c> runs modes A–E (n=1; n=4; 2×2; 2×4 square;
/// 2×4 1536×1024) on the chosen provider (live with its key, otherwise simulated) and writes the page the report shows:
/// per mode its images, cost and wall clock with the planned figures beside them. Given several targets
/// (<c>--providers openai,fal</c>, <c>--models gpt-image-2,gpt-image-1.5</c>), it runs each and writes a second page
/// that compares them side by side.
/// </summary>
public static class SeedModesReport
{
    /// <summary><c>--report [FILE]</c>: write the page (default <c>OUT/report.html</c>).</summary>
    public static Option<string?> ReportOption { get; } = new("--report")
    {
        Description = "Write modes A-E as an HTML page with the planned figures beside the actual ones [default: OUT/report.html].",
        HelpName = "FILE",
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary><c>--providers a,b</c>: run the report on each (with <c>--report</c>).</summary>
    public static Option<string?> ProvidersOption { get; } = new("--providers")
    {
        Description = "With --report: run on each of these providers and write a side-by-side page too (openai,azure,azure-deployment,fal,gemini).",
        HelpName = "LIST",
    };

    /// <summary><c>--models a,b</c>: run the report with each model (with <c>--report</c>).</summary>
    public static Option<string?> ModelsOption { get; } = new("--models")
    {
        Description = "With --report: run with each of these models (for example gpt-image-2,gpt-image-1.5).",
        HelpName = "LIST",
    };

    static SeedModesReport()
    {
        ProvidersOption.Validators.Add(result =>
        {
            foreach (var name in List(result.GetValueOrDefault<string?>()).Where(n => !SampleProviders.Names.Contains(n, StringComparer.OrdinalIgnoreCase)))
            {
                result.AddError($"--providers: '{name}' is not one of {string.Join(", ", SampleProviders.Names)}.");
            }

            RequireReport(result);
        });
        ModelsOption.Validators.Add(RequireReport);
    }

    /// <summary>Whether the command line asks for the report.</summary>
    public static bool Wanted(ParseResult parse) => parse.GetResult(ReportOption) is not null;

    /// <summary>The providers the report runs on: <c>--providers</c>, else the context's target.</summary>
    public static IReadOnlyList<SampleProvider> Providers(SampleContext context, ParseResult parse) =>
        List(parse.GetValue(ProvidersOption)) is { Count: > 0 } names ? [.. names.Select(SampleProviders.Parse).Distinct()] : [context.Target];

    /// <summary>How many paid calls the report makes: five per provider and model.</summary>
    public static int PaidCalls(ParseResult parse) =>
        5 * Math.Max(1, List(parse.GetValue(ProvidersOption)).Count) * Math.Max(1, List(parse.GetValue(ModelsOption)).Count);

    public static Task<int> RunAsync(SampleContext context, ParseResult parse, CancellationToken cancellationToken) =>
        RunAsync(
            context,
            parse.GetValue(ReportOption) is { Length: > 0 } given ? Path.GetFullPath(given) : Path.Combine(context.OutputDirectory, "report.html"),
            Providers(context, parse),
            List(parse.GetValue(ModelsOption)),
            cancellationToken);

    public static async Task<int> RunAsync(SampleContext context, string page, IReadOnlyList<SampleProvider> providers, IReadOnlyList<string> modelNames, CancellationToken cancellationToken)
    {
        List<string?> models = [.. modelNames];
        var folder = Path.GetDirectoryName(page)!;
        var files = Path.GetFileNameWithoutExtension(page) + "-files";
        var photo = ImageInput.FromFile(SampleContext.ReferencePhoto);
        var offline = !providers.Any(context.IsLive);
        var scale = offline ? context.LatencyScale : 1.0;
        var entries = new List<ComparisonEntry>();
        var clock = Stopwatch.StartNew();

        foreach (var provider in providers)
        {
            foreach (var model in models.Count > 0 ? models : [null])
            {
                using var client = context.CreateClient(provider, options => options.DefaultModel = model ?? options.DefaultModel);
                var modelName = client.GetCapabilities().Model;
                var target = $"{provider.Name()} {modelName}";
                var slug = string.Concat($"{provider.Name()}-{modelName}".Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));
                context.Out.WriteLine($"modes A-E on {target}{(context.IsLive(provider) ? " (a real provider: calls cost money)" : $", speaking {provider.Name()} on the offline simulator")}");
                var fidelity = client.GetCapabilities().SupportsInputFidelity ? InputFidelity.High : (InputFidelity?)null;   // fal does not take it
                foreach (var (mode, name, description, request, planned) in Modes(photo))
                {
                    var plan = Planned(client, modelName, request.Count, planned, context.IsLive(provider) ? 1.0 : context.LatencyScale);
                    try
                    {
                        var result = await client.EditAsync(request with { Quality = ImageQuality.Low, InputFidelity = fidelity }, cancellationToken);
                        var saved = await result.SaveAllAsync(Path.Combine(folder, files, slug), $"mode-{mode}", overwrite: true, cancellationToken);
                        entries.Add(new ComparisonEntry
                        {
                            Name = name, Description = description, Target = target, Planned = plan, RequestId = result.RequestId,
                            Images = [.. saved.Select(p => Path.GetRelativePath(folder, p).Replace('\\', '/'))],
                            Actual = new TierPlan { Calls = 1, Images = result.Images.Count, CostUsd = result.Cost?.Usd ?? 0m, WallClock = result.Elapsed },
                        });
                        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {name,-34} {result.Images.Count} image(s) ${result.Cost?.Usd ?? 0m:0.000} {result.Elapsed.TotalSeconds,6:0.00} s"));
                    }
                    catch (Exception ex) when (ex is ImageGenException or ArgumentException)
                    {
                        entries.Add(new ComparisonEntry { Name = name, Description = description, Target = target, Planned = plan, Error = ex.Message });
                        context.Out.WriteLine($"  {name,-34} failed: {ex.Message}");
                    }
                }
            }
        }

        var render = Stopwatch.StartNew();
        var report = new ComparisonReport
        {
            Directory = folder,
            Title = "Modes A–E of the gpt-image-2 test report",
            Notes = [Notes(offline, scale)],
            Entries = entries,   // per mode on each target: images, planned TierPlan, actual TierPlan
        };
        var written = await report.WriteAsync(Path.GetFileName(page), cancellationToken);
        if (report.Targets.Count > 1)
        {
            await report.WriteSideBySideAsync(Path.GetFileNameWithoutExtension(page) + "-compare.html", cancellationToken);
        }

        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"report: {written} ({new FileInfo(written).Length / 1024.0:0.0} KiB, rendered in {render.Elapsed.TotalMilliseconds:0} ms; runs took {clock.Elapsed.TotalSeconds:0.0} s)"));
        if (report.Targets.Count > 1)
        {
            context.Out.WriteLine($"side by side: {Path.Combine(folder, Path.GetFileNameWithoutExtension(page) + "-compare.html")}");
        }

        context.Out.WriteLine($"total ${entries.Sum(e => e.Actual.CostUsd):0.000} for {entries.Sum(e => e.Actual.Images)} images in {entries.Sum(e => e.Actual.Calls)} calls");
        return entries.Any(e => e.Error is not null) ? 2 : 0;
    }

    /// <summary>The five modes with the report's measured latency of each (what the plan says before any call).</summary>
    private static IEnumerable<(char Mode, string Name, string Description, ImageEditRequest Request, TimeSpan Latency)> Modes(ImageInput photo)
    {
        var latency = LatencyModel.Seed;
        PromptSpecBuilder Mia() => new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithStyle(ImageStyle.Dreamscape);
        var coffee = new Scene("Mia drinks her morning coffee by the kitchen window") { TimeOfDay = "early morning" };
        var day = StoryboardSample.DayInTheLife.Select(Scene.FromBeat).ToArray();
        yield return ('a', "A single scene", "n=1, one scene", Mia().WithScene(coffee).Build().ToEditRequest(photo), latency.SingleCall());
        yield return ('b', "B n=4 variants, outfit pinned", "n=4 variants of one scene in one call, the wardrobe pinned",
            Mia().PinWardrobe("Mia", new WardrobePin("cream cable-knit sweater over light-blue striped pajama trousers")).WithScene(coffee).Build().ToVariantsRequest(4, photo), latency.SingleCall(4));
        yield return ('c', "C 2x2 composite 1024x1024", "four beats as panels of one 1024×1024 image",
            Mia().WithLayout(new CompositeLayoutBuilder(2, 2, ImageSize.Square1024).AddBeats(["morning coffee", "midday park walk", "afternoon reading", "evening at a balcony"]).Build()).Build().ToEditRequest(photo),
            latency.CompositeCall(4, ImageSize.Square1024));
        yield return ('d', "D 2x4 storyboard 1024x1024", "eight beats on a square canvas (panels about 256×512)",
            Mia().WithLayout(new CompositeLayoutBuilder(2, 4, ImageSize.Square1024).AddBeats(day).Build()).Build().ToEditRequest(photo), latency.CompositeCall(8, ImageSize.Square1024));
        yield return ('e', "E 2x4 storyboard 1536x1024", "eight beats on 1536×1024 (panels 384×512): the report's recommendation",
            Mia().WithLayout(new CompositeLayoutBuilder(2, 4, ImageSize.Landscape1536x1024).AddBeats(day).Build()).Build().ToEditRequest(photo), latency.CompositeCall(8, ImageSize.Landscape1536x1024));
    }

    private static TierPlan Planned(ImageGenClient client, string model, int count, TimeSpan latency, double scale) => new()
    {
        Calls = 1,
        Images = count,
        CostUsd = (client.Options.Prices.Find(client.ProviderName, model)?.EstimatePerImage(ImageQuality.Low, isEdit: true) ?? 0m) * count,
        WallClock = latency * scale,
    };

    private static string Notes(bool offline, double scale) => offline
        ? string.Create(CultureInfo.InvariantCulture, $"Run offline on the simulator, whose latency is the test report's measurements scaled by {scale}: the planned seconds are scaled the same way. Prices are the price table's estimates; planned dollars are the table's per-image estimate for low quality.")
        : "Run on a real provider: planned seconds are the test report's measurements (Azure gpt-image-2, low quality, one high-fidelity reference), planned dollars the price table's per-image estimate.";

    private static void RequireReport(OptionResult result)
    {
        if (result.GetResult(ReportOption) is null)
        {
            result.AddError($"{result.Option.Name} goes with --report.");
        }
    }

    private static IReadOnlyList<string> List(string? value) =>
        value is null ? [] : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
}
