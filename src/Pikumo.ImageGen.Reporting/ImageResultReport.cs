using System.Globalization;
using Pikumo.ImageGen.Reporting.Internal;

namespace Pikumo.ImageGen.Reporting;

/// <summary>A page for one call's <see cref="ImageResult"/>: its images, cost, time, usage, request id and what the provider echoed.</summary>
public static class ImageResultReport
{
    /// <summary>
    /// Saves the result's images into a folder beside the page (<c>{page name}-files/image-{index}{extension}</c>) and
    /// writes the page, both atomically.
    /// </summary>
    /// <param name="path">The page's path, for example <c>out/result.html</c>.</param>
    /// <param name="result">The result.</param>
    /// <param name="prompt">The prompt the call was made with, shown on the page (HTML-encoded), if wanted.</param>
    /// <param name="title">The page's title.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    /// <returns>The page's path.</returns>
    public static async Task<string> WriteAsync(string path, ImageResult result, string? prompt = null, string? title = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(result);
        var page = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(page)!;
        var files = Path.GetFileNameWithoutExtension(page) + "-files";
        var images = new List<string>(result.Images.Count);
        foreach (var image in result.Images)
        {
            var relative = string.Create(CultureInfo.InvariantCulture, $"{files}/image-{image.Index}{image.FileExtension}");
            await ReportFiles.WriteBytesAsync(Path.Combine(folder, relative), image.Data, cancellationToken).ConfigureAwait(false);
            images.Add(relative);
        }

        await ReportFiles.WriteTextAsync(page, ToHtml(result, images, prompt, title), cancellationToken).ConfigureAwait(false);
        return page;
    }

    /// <summary>Renders the page for images already saved.</summary>
    /// <param name="result">The result.</param>
    /// <param name="imageFiles">Where each image is, relative to the page, in image order.</param>
    /// <param name="prompt">The prompt, if wanted.</param>
    /// <param name="title">The page's title.</param>
    /// <returns>The HTML.</returns>
    public static string ToHtml(ImageResult result, IReadOnlyList<string> imageFiles, string? prompt = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(imageFiles);
        var heading = title ?? $"{result.Images.Count} image(s) from {result.Provider} {result.Model}";
        var usage = result.Usage;
        var model = new Dictionary<string, object?>
        {
            ["title"] = heading,
            ["prompt"] = prompt,
            ["provider"] = result.Provider,
            ["model"] = result.Model,
            ["request_id"] = result.RequestId,
            ["cost"] = result.Cost is { } cost ? Format.Usd(cost.Usd) + (cost.Basis == ImageCostBasis.Estimate ? " (estimate)" : string.Empty) : "no price for the model",
            ["raw_usd"] = result.Cost is { } c ? Format.Raw(c.Usd) : string.Empty,
            ["seconds"] = Format.Seconds(result.Elapsed),
            ["raw_ms"] = Format.Raw(result.Elapsed.TotalMilliseconds),
            ["processing"] = result.ProcessingTime is { } p ? Format.Seconds(p) : null,
            ["image_size"] = result.Size?.ToString(), // not "size": Liquid reads m.size as the number of entries
            ["quality"] = result.Quality?.Value,
            ["format"] = result.OutputFormat?.Value,
            ["background"] = result.Background?.Value,
            ["created"] = result.Created?.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
            ["omitted"] = result.OmittedParameters.Count > 0 ? string.Join(", ", result.OmittedParameters) : null,
            ["usage"] = usage is null ? null : new Dictionary<string, object?>
            {
                ["input"] = usage.InputTokens.ToString(CultureInfo.InvariantCulture),
                ["input_text"] = usage.InputTextTokens.ToString(CultureInfo.InvariantCulture),
                ["input_image"] = usage.InputImageTokens.ToString(CultureInfo.InvariantCulture),
                ["output"] = usage.OutputTokens.ToString(CultureInfo.InvariantCulture),
            },
            ["metadata"] = result.ProviderMetadata.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => (object?)new Dictionary<string, object?> { ["key"] = k.Key, ["value"] = k.Value }).ToList(),
            ["images"] = result.Images.Select((image, i) => (object?)new Dictionary<string, object?>
            {
                ["no"] = Format.Int(image.Index),
                ["image"] = ViewParts.Image(i < imageFiles.Count ? imageFiles[i] : null, image.Width, image.Height, i < imageFiles.Count, $"image {image.Index}", result.Images.Count > 1 ? 300 : 512),
                ["bytes"] = image.Data.Length.ToString("N0", CultureInfo.InvariantCulture),
                ["format"] = image.Format?.Value,
                ["revised"] = image.RevisedPrompt,
            }).ToList(),
        };
        return ReportTemplates.Render("result", heading, model);
    }
}
