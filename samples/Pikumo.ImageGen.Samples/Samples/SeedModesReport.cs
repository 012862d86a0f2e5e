using System.Diagnostics;
using System.Globalization;
using Pikumo.ImageGen.Planning;
using Pikumo.ImageGen.Reporting;
using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Samples;

/// <summary>
/// The seed's test as one command: <c>modes --report out/report.html</c> runs modes A–E (n=1; n=4; 2×2; 2×4 square;
/// 2×4 1536×1024) on the configured provider or the simulator and writes the page the seed shows: per mode its images,
/// cost and wall clock with the planned figures beside them. Given several targets (<c>--providers openai,fal</c>,
/// <c>--models gpt-image-2,gpt-image-1.5</c>), it runs each and writes a second page that compares them side by side.
/// </summary>
public static class SeedModesReport
{
    /// <summary>Whether the arguments ask for the report.</summary>
    public static bool Wanted(string[] args) => Array.IndexOf(args, "--report") >= 0;

    public static async Task<int> RunAsync(SampleContext context, string[] args, CancellationToken cancellationToken)
    {
        var page = Value(args, "--report") is { } given ? Path.GetFullPath(given) : Path.Combine(context.OutputDirectory, "report.html");
        var providers = List(Value(args, "--providers")).Select(ParseProvider).ToList();
        List<string?> models = [.. List(Value(args, "--models"))];
        var folder = Path.GetDirectoryName(page)!;
        var files = Path.GetFileNameWithoutExtension(page) + "-files";
        var photo = ImageInput.FromFile(SampleContext.ReferencePhoto);
        var offline = context.ConfiguredProvider is null;
        var scale = offline ? context.LatencyScale : 1.0;
        var entries = new List<ComparisonEntry>();
        var clock = Stopwatch.StartNew();

        foreach (var provider in providers.Count > 0 ? providers : [context.ConfiguredProvider ?? ImageProvider.OpenAI])
        {
            foreach (var model in models.Count > 0 ? models : [null])
            {
                using var client = CreateClient(context, provider, model);
                var modelName = client.GetCapabilities().Model;
                var target = $"{client.ProviderName} {modelName}";
                var slug = string.Concat($"{client.ProviderName}-{modelName}".Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-'));
                context.Out.WriteLine($"modes A-E on {target}{(offline ? " (offline simulator)" : string.Empty)}");
                foreach (var (mode, name, description, request, planned) in Modes(photo))
                {
                    var plan = Planned(client, modelName, request.Count, planned, scale);
                    try
                    {
                        var result = await client.EditAsync(request with
                        {
                            Quality = ImageQuality.Low,
                            InputFidelity = client.ProviderName == "fal" ? (InputFidelity?)null : InputFidelity.High,
                        }, cancellationToken);
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
        #region report-modes
        var report = new ComparisonReport
        {
            Directory = folder,
            Title = "The seed's modes A–E",
            Notes = [Notes(offline, scale)],
            Entries = entries,   // per mode on each target: images, planned TierPlan, actual TierPlan
        };
        var written = await report.WriteAsync(Path.GetFileName(page), cancellationToken);
        if (report.Targets.Count > 1)
        {
            await report.WriteSideBySideAsync(Path.GetFileNameWithoutExtension(page) + "-compare.html", cancellationToken);
        }
        #endregion

        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"report: {written} ({new FileInfo(written).Length / 1024.0:0.0} KiB, rendered in {render.Elapsed.TotalMilliseconds:0} ms; runs took {clock.Elapsed.TotalSeconds:0.0} s)"));
        if (report.Targets.Count > 1)
        {
            context.Out.WriteLine($"side by side: {Path.Combine(folder, Path.GetFileNameWithoutExtension(page) + "-compare.html")}");
        }

        context.Out.WriteLine($"total ${entries.Sum(e => e.Actual.CostUsd):0.000} for {entries.Sum(e => e.Actual.Images)} images in {entries.Sum(e => e.Actual.Calls)} calls");
        return entries.Any(e => e.Error is not null) ? 2 : 0;
    }

    /// <summary>The five modes with the seed's measured latency of each (what the plan says before any call).</summary>
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
        yield return ('e', "E 2x4 storyboard 1536x1024", "eight beats on 1536×1024 (panels 384×512): the seed's recommendation",
            Mia().WithLayout(new CompositeLayoutBuilder(2, 4, ImageSize.Landscape1536x1024).AddBeats(day).Build()).Build().ToEditRequest(photo), latency.CompositeCall(8, ImageSize.Landscape1536x1024));
    }

    private static TierPlan Planned(ImageGenClient client, string model, int count, TimeSpan latency, double scale) => new()
    {
        Calls = 1,
        Images = count,
        CostUsd = (client.Options.Prices.Find(client.ProviderName, model)?.EstimatePerImage(ImageQuality.Low, isEdit: true) ?? 0m) * count,
        WallClock = latency * scale,
    };

    private static ImageGenClient CreateClient(SampleContext context, ImageProvider provider, string? model)
    {
        void Configure(ImageGenOptions options)
        {
            if (model is not null)
            {
                options.DefaultModel = model;
            }
        }

        return context.ConfiguredProvider is null
            ? context.CreateSimulator().CreateClient(provider, Configure)
            : new ImageGenClient(new ImageGenOptions { Provider = provider }.With(Configure), loggerFactory: context.LoggerFactory);
    }

    private static ImageGenOptions With(this ImageGenOptions options, Action<ImageGenOptions> configure)
    {
        configure(options);
        return options;
    }

    private static string Notes(bool offline, double scale) => offline
        ? string.Create(CultureInfo.InvariantCulture, $"Run offline on the simulator, whose latency is the seed's scaled by {scale}: the planned seconds are scaled the same way. Prices are the price table's estimates; planned dollars are the table's per-image estimate for low quality.")
        : "Run on a real provider: planned seconds are the seed's measurements (Azure gpt-image-2, low quality, one high-fidelity reference), planned dollars the price table's per-image estimate.";

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[i + 1] : null;
    }

    private static List<string> List(string? value) =>
        value is null ? [] : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static ImageProvider ParseProvider(string name) => name.ToLowerInvariant() switch
    {
        "openai" => ImageProvider.OpenAI,
        "azure" or "azureopenai" => ImageProvider.AzureOpenAI,
        "fal" => ImageProvider.Fal,
        _ => throw new ArgumentException($"--providers: '{name}' is not openai, azure or fal.", nameof(name)),
    };
}
