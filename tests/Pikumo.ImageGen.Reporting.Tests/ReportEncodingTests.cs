using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Reporting.Tests;

/// <summary>
/// Pages made from a manifest written by hand: hostile text in every field stays text, and fields and states a newer
/// manifest may carry (a call in flight, attempts, a judgement, fields the report does not know) are shown or ignored.
/// </summary>
public sealed class ReportEncodingTests
{
    private const string Script = "<script>alert('x')</script>";
    private const string Attribute = "\" onerror=\"alert(1)";

    private static async Task<string> WriteRunAsync(string folder, string manifestJson)
    {
        Directory.CreateDirectory(Path.Combine(folder, "final"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "final", "frame-001.png"), ImageGenModelFactory.Png(30, 20), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "manifest.json"), manifestJson, TestContext.Current.CancellationToken);
        return folder;
    }

    [Fact]
    public async Task HostileText_InBeatErrorRequestIdReferencesAndJudgement_IsEncoded()
    {
        using var folder = new ReportTempFolder();
        await WriteRunAsync(folder.Path, $$"""
            {
              "version": 1,
              "frames": [
                { "tier": "final", "beat": 0, "text": "Mia {{Esc(Script)}} waves | {{Esc(Attribute)}} |  | ", "chunk": 0, "file": "final/frame-001.png",
                  "status": "done", "request_id": "{{Esc(Script)}}", "references": ["reference 1: {{Esc(Script)}}"], "cost_usd": 0.067, "elapsed_ms": 1200,
                  "judgement": { "reason": "{{Esc(Script)}}" } },
                { "tier": "final", "beat": 1, "text": "{{Esc(Attribute)}}", "chunk": 0, "status": "failed", "error": "provider said {{Esc(Script)}}" }
              ]
            }
            """);

        var html = (await SequenceReport.LoadAsync(folder.Path, TestContext.Current.CancellationToken)).ToHtml();
        var page = Html.Parse(html);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(page.QuerySelectorAll("script"));
        Html.AssertSelfContained(page);
        var cards = page.QuerySelectorAll("article.card");
        Assert.Equal($"Mia {Script} waves", cards[0].QuerySelector(".beat")!.TextContent);
        Assert.Equal(Script, cards[0].QuerySelector(".request-id")!.TextContent);
        Assert.Equal($"reason: {Script}", cards[0].QuerySelector(".judgement")!.TextContent);
        Assert.Equal($"reference 1: {Script}", cards[0].QuerySelector(".refs li")!.TextContent);
        Assert.Equal($"frame 1: Mia {Script} waves", cards[0].QuerySelector("img")!.GetAttribute("alt"));
        Assert.Equal(Attribute, cards[1].QuerySelector(".beat")!.TextContent);
        Assert.Equal($"provider said {Script}", cards[1].QuerySelector(".error")!.TextContent);
    }

    [Fact]
    public async Task NewerManifest_InFlightStateAttemptsAndUnknownFields_AreShownOrIgnored()
    {
        using var folder = new ReportTempFolder();
        await WriteRunAsync(folder.Path, """
            {
              "version": 2,
              "run_id": "something the report does not know",
              "frames": [
                { "tier": "final", "beat": 0, "text": "done frame", "chunk": 0, "file": "final/frame-001.png", "status": "done",
                  "cost_usd": 0.067, "elapsed_ms": 1000, "attempts": 3, "judgement": { "verdict": "pass", "score": 0.92 }, "provider": "fal", "job_id": "abc" },
                { "tier": "final", "beat": 1, "text": "frame in flight", "chunk": 0, "status": "in_flight", "job_id": "q-123", "started_at": "2026-12-02T03:00:00Z" },
                { "tier": "final", "beat": 2, "text": "frame whose call outcome is unknown", "chunk": 0, "status": "unknown outcome", "retries": 1 }
              ],
              "journal": [ { "anything": true } ]
            }
            """);

        var report = await SequenceReport.LoadAsync(folder.Path, TestContext.Current.CancellationToken);
        var page = Html.Parse(report.ToHtml());

        var cards = page.QuerySelectorAll("#tier-final .frames article.card");
        // A state this version does not know ("unknown outcome") reads as outcome unknown, the careful reading.
        Assert.Equal(["done", "in_flight", "unknown"], cards.Select(c => c.GetAttribute("data-status")));
        Assert.Equal("2", cards[0].QuerySelector(".retries")!.TextContent);
        Assert.Equal("verdict: pass, score: 0.92", cards[0].QuerySelector(".judgement")!.TextContent);
        Assert.Equal("1", cards[2].QuerySelector(".retries")!.TextContent);
        Assert.Contains("state-unknown", cards[2].QuerySelector(".badge")!.ClassList);
        Assert.Null(cards[1].QuerySelector("img"));
        Assert.Equal("in_flight", cards[1].QuerySelector(".placeholder")!.TextContent);
        Assert.Equal("1", page.QuerySelector("#tier-final tr[data-figure=calls]")!.GetAttribute("data-actual"));
        Assert.Contains("2 in another state", page.QuerySelector("#tier-final h2")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("../outside.png")]
    [InlineData("/etc/passwd")]
    [InlineData("javascript:alert(1)")]
    [InlineData("final/missing.png")]
    public async Task FilePath_OutsideTheFolderOrMissing_IsNotLinked(string file)
    {
        using var folder = new ReportTempFolder();
        await WriteRunAsync(folder.Path, $$"""{ "frames": [ { "tier": "final", "beat": 0, "text": "x", "file": "{{file}}", "status": "done" } ] }""");

        var page = Html.Parse((await SequenceReport.LoadAsync(folder.Path, TestContext.Current.CancellationToken)).ToHtml());

        Assert.Empty(page.QuerySelectorAll("img, a[href]"));
        Assert.Equal("file missing", page.QuerySelector(".placeholder")!.TextContent);
    }

    [Fact]
    public async Task FileName_WithSpacesAndHash_IsPercentEncoded()
    {
        using var folder = new ReportTempFolder();
        await File.WriteAllBytesAsync(Path.Combine(folder.Path, "a #1?.png"), ImageGenModelFactory.Png(30, 20), TestContext.Current.CancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "manifest.json"), """{ "frames": [ { "tier": "final", "beat": 0, "text": "x", "file": "a #1?.png", "status": "done" } ] }""", TestContext.Current.CancellationToken);

        var page = Html.Parse((await SequenceReport.LoadAsync(folder.Path, TestContext.Current.CancellationToken)).ToHtml());

        var image = Assert.Single(page.QuerySelectorAll("img"));
        Assert.Equal("a%20%231%3F.png", image.GetAttribute("src"));
        Assert.Equal("240", image.GetAttribute("width"));
        Assert.Equal("160", image.GetAttribute("height"));
        Html.AssertEveryImageIsAFileBeside(page, folder.Path);
    }

    private static string Esc(string text) => System.Text.Json.JsonEncodedText.Encode(text).ToString();
}
