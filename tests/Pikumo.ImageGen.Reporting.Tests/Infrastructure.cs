using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Reporting.Tests;

/// <summary>A temporary folder, deleted at the end of the test.</summary>
internal sealed class ReportTempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("pikumo-report").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>Reading pages as a browser's parser does.</summary>
internal static class Html
{
    public static IDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    public static decimal Usd(IElement element) => decimal.Parse(element.GetAttribute("data-usd")!, CultureInfo.InvariantCulture);

    public static double Ms(IElement element) => double.Parse(element.GetAttribute("data-ms")!, CultureInfo.InvariantCulture);

    /// <summary>Every image and link on the page points at a file that exists beside it, by a relative path.</summary>
    public static void AssertEveryImageIsAFileBeside(IDocument document, string folder)
    {
        foreach (var image in document.QuerySelectorAll("img"))
        {
            var src = image.GetAttribute("src")!;
            Assert.False(Uri.TryCreate(src, UriKind.Absolute, out _), $"{src} is not relative");
            Assert.True(File.Exists(System.IO.Path.Combine(folder, Uri.UnescapeDataString(src))), $"{src} is not beside the page");
            Assert.Equal(src, image.ParentElement!.GetAttribute("href"));
        }
    }

    /// <summary>The page needs no script and loads nothing from elsewhere.</summary>
    public static void AssertSelfContained(IDocument document)
    {
        Assert.Empty(document.QuerySelectorAll("script, link, iframe, object, embed"));
        Assert.All(document.All, e => Assert.DoesNotContain(e.Attributes, a => a.Name.StartsWith("on", StringComparison.Ordinal)));
        Assert.All(document.QuerySelectorAll("[src], [href]"), e => Assert.DoesNotContain("://", (e.GetAttribute("src") ?? e.GetAttribute("href"))!, StringComparison.Ordinal));
    }
}

internal static class Stories
{
    public static readonly byte[] Photo = ImageGenModelFactory.Png(64, 64);

    public static SequenceRequest Story(IEnumerable<string> beats, int chunkSize = 4) => new(
        new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithStyle(ImageStyle.Dreamscape),
        beats.Select(b => new Scene(b)),
        [ImageInput.FromBytes(Photo, "mia.png")])
    {
        ChunkSize = chunkSize,
        Final = new SequenceTierOptions { Quality = ImageQuality.Low, Size = ImageSize.Square1024 },
        Preview = new SequenceTierOptions { Quality = ImageQuality.Low, Size = ImageSize.Landscape1536x1024 },
    };

    public static string[] Beats(int count) => [.. Enumerable.Range(1, count).Select(i => $"Mia, beat number {i}")];
}
