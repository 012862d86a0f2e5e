using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Reporting.Tests;

public sealed class ImageResultReportTests
{
    [Fact]
    public async Task WriteAsync_SavesTheImagesBesideThePage_AndShowsTheResultsNumbers()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient();
        var ct = TestContext.Current.CancellationToken;
        var result = await client.EditAsync(new ImageEditRequest("Mia <script>alert(1)</script>", ImageInput.FromBytes(Stories.Photo, "mia.png")) { Count = 2, Quality = ImageQuality.Low }, ct);
        using var folder = new ReportTempFolder();

        var path = await ImageResultReport.WriteAsync(Path.Combine(folder.Path, "result.html"), result, prompt: "Mia <script>alert(1)</script>", cancellationToken: ct);
        var html = await File.ReadAllTextAsync(path, ct);
        var page = Html.Parse(html);

        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.Equal("Mia <script>alert(1)</script>", page.QuerySelector("pre.prompt")!.TextContent);
        Assert.Equal(["0", "1"], page.QuerySelectorAll("article.card").Select(c => c.GetAttribute("data-index")));
        Assert.Equal(result.Cost!.Value.Usd, Html.Usd(page.QuerySelector(".facts .cost")!));
        Assert.Equal(result.Elapsed.TotalMilliseconds, Html.Ms(page.QuerySelector(".facts .time")!), precision: 3);
        Assert.Equal(result.RequestId, page.QuerySelector(".request-id")!.TextContent);
        Assert.Equal(["result-files/image-0.png", "result-files/image-1.png"], page.QuerySelectorAll("img").Select(i => i.GetAttribute("src")));
        Assert.Equal(result.Images[1].Data.ToArray(), await File.ReadAllBytesAsync(Path.Combine(folder.Path, "result-files", "image-1.png"), ct));
        Html.AssertEveryImageIsAFileBeside(page, folder.Path);
        Html.AssertSelfContained(page);
    }

    [Fact]
    public async Task ToHtml_TypedEchoes_ShowTheirWireWords()
    {
        var echoed = ImageGenModelFactory.ImageResult(size: ImageSize.Landscape1536x1024, quality: ImageQuality.Low);
        var result = new ImageResult { Images = echoed.Images, Size = echoed.Size, Quality = echoed.Quality, Background = ImageBackground.Opaque, OutputFormat = ImageFormat.Jpeg };
        using var folder = new ReportTempFolder();

        var path = await ImageResultReport.WriteAsync(Path.Combine(folder.Path, "result.html"), result, cancellationToken: TestContext.Current.CancellationToken);
        var text = Html.Parse(await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)).QuerySelector(".facts")!.TextContent;

        Assert.Contains("size1536x1024", text, StringComparison.Ordinal);
        Assert.Contains("qualitylow", text, StringComparison.Ordinal);
        Assert.Contains("formatjpeg", text, StringComparison.Ordinal);
        Assert.Contains("backgroundopaque", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAsync_BadArguments_ThrowBeforeWriting()
    {
        var result = new ImageResult { Images = [] };

        await Assert.ThrowsAsync<ArgumentException>("path", () => ImageResultReport.WriteAsync(" ", result, cancellationToken: TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<ArgumentNullException>("result", () => ImageResultReport.WriteAsync("x.html", null!, cancellationToken: TestContext.Current.CancellationToken));
    }
}
