using System.Diagnostics;
using System.Globalization;
using Microsoft.Playwright;
using Pikumo.ImageGen;
using Pikumo.ImageGen.Imaging;
using Pikumo.ImageGen.Reporting;
using Pikumo.ImageGen.Samples;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;
using Pikumo.ImageGen.Testing;

// Makes the reports offline (the modes page with two providers and its side-by-side page, a 16-beat sequence run in
// both tiers, one single result), opens each in Chromium from file://, asserts every image loaded (naturalWidth > 0)
// and the page needs no script, and takes screenshots. Exit code 0 only when every page passed.
// Usage: Pikumo.ImageGen.BrowserCheck [output folder] [chromium path]
var output = Path.GetFullPath(args.Length > 0 ? args[0] : Path.Combine("artifacts", "browser-check"));
var chromium = args.Length > 1 ? args[1] : Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";
if (Directory.Exists(output))
{
    Directory.Delete(output, recursive: true);
}

Directory.CreateDirectory(output);
using var cancel = new CancellationTokenSource(TimeSpan.FromMinutes(10));
var ct = cancel.Token;

// 1. The pages, made offline.
var clock = Stopwatch.StartNew();
var modesPage = Path.Combine(output, "modes", "report.html");
var code = await SamplesCli.InvokeAsync(
    ["modes", "--offline", "--report", modesPage, "--providers", "openai,fal", "--out", Path.Combine(output, "modes"), "--latency-scale", "0.002"], cancellationToken: ct);
if (code != 0)
{
    Console.Error.WriteLine($"browser check: the modes report sample failed with exit code {code}");
    return 1;
}

var sequenceFolder = Path.Combine(output, "sequence");
var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0.002 });
using (var client = simulator.CreateClient())
{
    var story = new SequenceRequest(
        new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithStyle(ImageStyle.Dreamscape),
        SequenceSample.Story.Take(16).Select(beat => new Scene($"Mia {beat}")),
        [ImageInput.FromFile(SampleContext.ReferencePhoto)]);
    var runner = new SequenceRunner(client, new SkiaCompositeSlicer());
    foreach (var tier in new[] { SequenceTier.Preview, SequenceTier.Final })
    {
        var result = await runner.RunToEndAsync(story, tier, new SequenceRunOptions { OutputDirectory = sequenceFolder }, ct);
        await SequenceReport.RecordAsync(sequenceFolder, result, cancellationToken: ct);
    }

    var single = await client.EditAsync(new ImageEditRequest("Mia drinks her morning coffee <by the window>", ImageInput.FromFile(SampleContext.ReferencePhoto)) { Count = 2, Quality = ImageQuality.Low }, ct);
    await ImageResultReport.WriteAsync(Path.Combine(output, "single", "result.html"), single, "Mia drinks her morning coffee <by the window>", cancellationToken: ct);
}

var report = await SequenceReport.LoadAsync(sequenceFolder, ct);
var sequencePage = await report.WriteAsync(ct);
var render = Stopwatch.StartNew();
const int Renders = 20;
for (var i = 0; i < Renders; i++)
{
    _ = (await SequenceReport.LoadAsync(sequenceFolder, ct)).ToHtml();
}

Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"browser check: reports made offline in {clock.Elapsed.TotalSeconds:0.0} s; the 16-beat two-tier sequence page is {new FileInfo(sequencePage).Length / 1024.0:0.0} KiB and loads and renders from its folder in {render.Elapsed.TotalMilliseconds / Renders:0.0} ms (mean of {Renders})"));

// 2. The pages in a browser.
var pages = new (string Name, string Path, bool FullPage)[]
{
    ("modes", modesPage, false),
    ("modes side by side", Path.Combine(output, "modes", "report-compare.html"), false),
    ("sequence", sequencePage, false),
    ("single result", Path.Combine(output, "single", "result.html"), true),
};

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true });
var failures = 0;
foreach (var (name, path, fullPage) in pages)
{
    var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
    var errors = new List<string>();
    page.PageError += (_, e) => errors.Add(e);
    page.RequestFailed += (_, r) => errors.Add($"failed to load {r.Url}");
    await page.GotoAsync(new Uri(path).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });
    var images = await page.EvaluateAsync<ImageState[]>("() => Array.from(document.images).map(i => ({ src: i.getAttribute('src'), loaded: i.complete && i.naturalWidth > 0 }))");
    var scripts = await page.EvaluateAsync<int>("() => document.scripts.length");
    var broken = images.Where(i => !i.Loaded).Select(i => i.Src).ToList();
    var shot = Path.Combine(output, "screenshots", $"{name.Replace(' ', '-')}.png");
    await page.ScreenshotAsync(new() { Path = shot, FullPage = fullPage });
    var ok = images.Length > 0 && broken.Count == 0 && scripts == 0 && errors.Count == 0;
    failures += ok ? 0 : 1;
    Console.WriteLine($"browser check: {(ok ? "ok  " : "FAIL")} {name}: {images.Length - broken.Count}/{images.Length} images loaded, {scripts} scripts, {errors.Count} errors; screenshot {shot}");
    foreach (var problem in broken.Select(b => $"image did not load: {b}").Concat(errors))
    {
        Console.WriteLine($"  {problem}");
    }

    await page.CloseAsync();
}

Console.WriteLine($"browser check: {pages.Length - failures} of {pages.Length} pages passed");
return failures == 0 ? 0 : 1;

/// <summary>What the page says of one image (Playwright fills it from JSON).</summary>
internal sealed class ImageState
{
    public string Src { get; set; } = string.Empty;

    public bool Loaded { get; set; }
}
