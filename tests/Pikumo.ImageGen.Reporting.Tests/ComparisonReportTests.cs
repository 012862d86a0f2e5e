using System.Globalization;
using Pikumo.ImageGen.Planning;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Reporting.Tests;

public sealed class ComparisonReportTests
{
    private static async Task<ComparisonReport> ReportAsync(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "files"));
        foreach (var name in new[] { "a-openai.png", "a-fal.png", "b-openai-0.png", "b-openai-1.png" })
        {
            await File.WriteAllBytesAsync(Path.Combine(folder, "files", name), ImageGenModelFactory.Png(40, 40), TestContext.Current.CancellationToken);
        }

        static TierPlan Plan(int images, decimal usd, double seconds) => new() { Calls = 1, Images = images, CostUsd = usd, WallClock = TimeSpan.FromSeconds(seconds) };
        return new ComparisonReport
        {
            Directory = folder,
            Title = "Modes <b>A</b>–B",
            Notes = ["made offline <i>today</i>"],
            Entries =
            [
                new() { Name = "A single scene", Target = "openai gpt-image-2", Images = ["files/a-openai.png"], Planned = Plan(1, 0.067m, 39.0), Actual = Plan(1, 0.0671m, 38.2), RequestId = "req_a" },
                new() { Name = "B n=2", Target = "openai gpt-image-2", Images = ["files/b-openai-0.png", "files/b-openai-1.png"], Planned = Plan(2, 0.134m, 40), Actual = Plan(2, 0.13m, 41.5) },
                new() { Name = "A single scene", Target = "fal gpt-image-2", Images = ["files/a-fal.png"], Planned = Plan(1, 0.05m, 39.0), Actual = Plan(1, 0.05m, 20) },
                new() { Name = "B n=2", Target = "fal gpt-image-2", Error = "<script>failed</script>", Actual = new TierPlan() },
            ],
        };
    }

    [Fact]
    public async Task ToHtml_EachTargetEachMode_WithItsImagesAndPlanBesideActual()
    {
        using var folder = new ReportTempFolder();
        var report = await ReportAsync(folder.Path);

        var path = await report.WriteAsync("report.html", TestContext.Current.CancellationToken);
        var page = Html.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));

        Assert.Equal("Modes <b>A</b>–B", page.QuerySelector("h1")!.TextContent);
        Assert.Equal(["openai gpt-image-2", "fal gpt-image-2"], page.QuerySelectorAll("section.target").Select(s => s.GetAttribute("data-target")));
        var modes = page.QuerySelectorAll("section.target[data-target='openai gpt-image-2'] article.mode");
        Assert.Equal(["A single scene", "B n=2"], modes.Select(m => m.GetAttribute("data-name")));
        Assert.Equal(2, modes[1].QuerySelectorAll("img").Length);
        Assert.Equal(0.0671m, Html.Usd(modes[0]));
        Assert.Equal(38200, Html.Ms(modes[0]));
        var usd = modes[0].QuerySelector("tr[data-figure=usd]")!;
        Assert.Equal(["dollars", "$0.067", "$0.0671", "+$0.0001 (+0.1%)"], usd.Children.Select(c => c.TextContent));
        var seconds = modes[0].QuerySelector("tr[data-figure=ms]")!;
        Assert.Equal("39000", seconds.GetAttribute("data-planned"));
        Assert.Equal("38.2 s", seconds.Children[2].TextContent);
        var total = page.QuerySelector("section.target[data-target='openai gpt-image-2'] tr.total")!;
        Assert.Equal(0.1971m, Html.Usd(total));
        Assert.Equal("<script>failed</script>", page.QuerySelector("section.target[data-target='fal gpt-image-2'] .error")!.TextContent);
        Html.AssertEveryImageIsAFileBeside(page, folder.Path);
        Html.AssertSelfContained(page);
    }

    [Fact]
    public async Task ToSideBySideHtml_ModesAsRows_TargetsAsColumns()
    {
        using var folder = new ReportTempFolder();
        var report = await ReportAsync(folder.Path);

        var page = Html.Parse(await File.ReadAllTextAsync(await report.WriteSideBySideAsync("compare.html", TestContext.Current.CancellationToken), TestContext.Current.CancellationToken));

        Assert.Equal(["mode", "openai gpt-image-2", "fal gpt-image-2"], page.QuerySelectorAll("table.side thead th").Select(t => t.TextContent));
        var rows = page.QuerySelectorAll("table.side tbody tr[data-name]");
        Assert.Equal(["A single scene", "B n=2"], rows.Select(r => r.GetAttribute("data-name")));
        Assert.Equal(["0.0671", "0.05"], rows[0].QuerySelectorAll("td[data-target]").Select(c => Html.Usd(c).ToString(CultureInfo.InvariantCulture)));
        Assert.Contains("+1 more", rows[1].TextContent, StringComparison.Ordinal);
        Assert.Equal(3, page.QuerySelectorAll("img").Length);
        Html.AssertEveryImageIsAFileBeside(page, folder.Path);
        Html.AssertSelfContained(page);
    }

    [Fact]
    public async Task WriteAsync_PathInsteadOfFileName_Throws()
    {
        using var folder = new ReportTempFolder();
        var report = new ComparisonReport { Directory = folder.Path };

        await Assert.ThrowsAsync<ArgumentException>(() => report.WriteAsync("../x.html", TestContext.Current.CancellationToken));
    }
}
