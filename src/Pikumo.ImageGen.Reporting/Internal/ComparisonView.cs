namespace Pikumo.ImageGen.Reporting.Internal;

/// <summary>The comparison pages' models.</summary>
internal static class ComparisonView
{
    public static Dictionary<string, object?> Build(ComparisonReport report) => new()
    {
        ["title"] = report.Title,
        ["notes"] = report.Notes.ToList<object?>(),
        ["targets"] = report.Targets.Select(target => (object?)new Dictionary<string, object?>
        {
            ["name"] = target,
            ["entries"] = report.Entries.Where(e => e.Target == target).Select(e => Entry(report, e, e.Images.Count > 1 ? 170 : 360)).ToList<object?>(),
            ["total"] = Total(report, target),
        }).ToList(),
    };

    public static Dictionary<string, object?> BuildSideBySide(ComparisonReport report)
    {
        var targets = report.Targets;
        var names = report.Entries.Select(e => e.Name).Distinct(StringComparer.Ordinal).ToList();
        return new()
        {
            ["title"] = report.Title,
            ["notes"] = report.Notes.ToList<object?>(),
            ["targets"] = targets.ToList<object?>(),
            ["rows"] = names.Select(name => (object?)new Dictionary<string, object?>
            {
                ["name"] = name,
                ["cells"] = targets.Select(t => report.Entries.FirstOrDefault(e => e.Name == name && e.Target == t) is { } entry
                    ? Entry(report, entry, 220)
                    : new Dictionary<string, object?> { ["empty"] = true }).ToList<object?>(),
            }).ToList(),
            ["totals"] = targets.Select(t => (object?)Total(report, t)).ToList(),
        };
    }

    private static Dictionary<string, object?> Entry(ComparisonReport report, ComparisonEntry entry, int width)
    {
        var images = entry.Images.Select((file, i) =>
        {
            var (exists, w, h) = ReportFiles.Probe(report.Directory, file);
            return ViewParts.Image(file, w, h, exists, $"{entry.Name}, image {i + 1}", width);
        }).ToList();
        return new()
        {
            ["name"] = entry.Name,
            ["description"] = entry.Description,
            ["target"] = entry.Target,
            ["request_id"] = entry.RequestId,
            ["error"] = entry.Error,
            ["images"] = images.ToList<object?>(),
            ["first_image"] = images.FirstOrDefault(),
            ["more"] = images.Count > 1 ? Format.Int(images.Count - 1) : null,
            ["rows"] = ViewParts.PlanRows(entry.Planned, entry.Actual, "seconds"),
            ["cost"] = Format.Usd(entry.Actual.CostUsd),
            ["raw_usd"] = Format.Raw(entry.Actual.CostUsd),
            ["seconds"] = Format.Seconds(entry.Actual.WallClock),
            ["raw_ms"] = Format.Raw(entry.Actual.WallClock.TotalMilliseconds),
            ["planned_cost"] = entry.Planned is null ? null : Format.Usd(entry.Planned.CostUsd),
            ["planned_seconds"] = entry.Planned is null ? null : Format.Seconds(entry.Planned.WallClock),
            ["calls"] = Format.Int(entry.Actual.Calls),
            ["image_count"] = Format.Int(entry.Actual.Images),
        };
    }

    private static Dictionary<string, object?> Total(ComparisonReport report, string target)
    {
        var entries = report.Entries.Where(e => e.Target == target).ToList();
        var usd = entries.Sum(e => e.Actual.CostUsd);
        var time = entries.Aggregate(TimeSpan.Zero, (sum, e) => sum + e.Actual.WallClock);
        return new()
        {
            ["target"] = target,
            ["cost"] = Format.Usd(usd),
            ["raw_usd"] = Format.Raw(usd),
            ["seconds"] = Format.Seconds(time),
            ["calls"] = Format.Int(entries.Sum(e => e.Actual.Calls)),
            ["images"] = Format.Int(entries.Sum(e => e.Actual.Images)),
            ["planned_cost"] = entries.All(e => e.Planned is not null) ? Format.Usd(entries.Sum(e => e.Planned!.CostUsd)) : "–",
            ["planned_seconds"] = entries.All(e => e.Planned is not null) ? Format.Seconds(entries.Aggregate(TimeSpan.Zero, (sum, e) => sum + e.Planned!.WallClock)) : "–",
        };
    }
}
