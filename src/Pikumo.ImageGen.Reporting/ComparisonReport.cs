using Pikumo.ImageGen.Reporting.Internal;

namespace Pikumo.ImageGen.Reporting;

/// <summary>
/// Pages that put several tries side by side, such as the seed's modes A–E: <see cref="ToHtml"/> shows each target's
/// entries with their images and planned against actual figures; <see cref="ToSideBySideHtml"/> compares targets
/// (providers or models) in columns, one row per entry name.
/// </summary>
public sealed class ComparisonReport
{
    /// <summary>The folder the pages are written to; every image path is relative to it.</summary>
    public required string Directory { get; init; }

    /// <summary>The page's title.</summary>
    public string Title { get; init; } = "Comparison";

    /// <summary>Lines shown under the title (for example how the run was made).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>The entries, in the order to show them.</summary>
    public IReadOnlyList<ComparisonEntry> Entries { get; init; } = [];

    /// <summary>The targets, in the order they first appear.</summary>
    public IReadOnlyList<string> Targets => [.. Entries.Select(e => e.Target).Distinct(StringComparer.Ordinal)];

    /// <summary>Renders the page of every entry, grouped by target.</summary>
    /// <returns>The HTML.</returns>
    public string ToHtml() => ReportTemplates.Render("comparison", Title, ComparisonView.Build(this));

    /// <summary>Renders the page that compares targets side by side.</summary>
    /// <returns>The HTML.</returns>
    public string ToSideBySideHtml() => ReportTemplates.Render("side-by-side", Title + ": side by side", ComparisonView.BuildSideBySide(this));

    /// <summary>Writes <see cref="ToHtml"/> into <see cref="Directory"/>, atomically.</summary>
    /// <param name="fileName">The page's file name, for example <c>report.html</c>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The page's path.</returns>
    public Task<string> WriteAsync(string fileName, CancellationToken cancellationToken = default) => WriteAsync(fileName, ToHtml, cancellationToken);

    /// <summary>Writes <see cref="ToSideBySideHtml"/> into <see cref="Directory"/>, atomically.</summary>
    /// <param name="fileName">The page's file name, for example <c>compare.html</c>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The page's path.</returns>
    public Task<string> WriteSideBySideAsync(string fileName, CancellationToken cancellationToken = default) => WriteAsync(fileName, ToSideBySideHtml, cancellationToken);

    private async Task<string> WriteAsync(string fileName, Func<string> render, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        if (Path.GetFileName(fileName) != fileName)
        {
            throw new ArgumentException($"'{fileName}' is not a plain file name: the page goes into the report's Directory, beside its images.", nameof(fileName));
        }

        var path = Path.Combine(Path.GetFullPath(Directory), fileName);
        await ReportFiles.WriteTextAsync(path, render(), cancellationToken).ConfigureAwait(false);
        return path;
    }
}
