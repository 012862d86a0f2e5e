namespace Pikumo.ImageGen.Reporting.Internal;

/// <summary>Pieces of view models that several pages share.</summary>
internal static class ViewParts
{
    public const int ThumbnailWidth = 240;

    /// <summary>An image as a page shows it: linked to the full file, scaled by the page (no thumbnail files are made).</summary>
    public static Dictionary<string, object?> Image(string? relative, int width, int height, bool exists, string alt, int displayWidth = ThumbnailWidth)
    {
        var href = exists ? ReportFiles.Link(relative) : null;
        return new()
        {
            ["href"] = href,
            ["alt"] = alt,
            ["has"] = href is not null,
            ["missing"] = relative is not null && href is null,
            ["file"] = relative,
            ["w"] = Format.Int(displayWidth),
            ["h"] = width > 0 && height > 0 ? Format.Int((int)Math.Round(displayWidth * (double)height / width)) : null,
            ["pixels"] = width > 0 && height > 0 ? $"{width}×{height}" : null,
        };
    }

    /// <summary>One row of a plan-against-actual table.</summary>
    public static Dictionary<string, object?> Row(string label, string planned, string actual, string diff, string rawPlanned, string rawActual, string key) => new()
    {
        ["label"] = label,
        ["planned"] = planned,
        ["actual"] = actual,
        ["diff"] = diff,
        ["raw_planned"] = rawPlanned,
        ["raw_actual"] = rawActual,
        ["key"] = key,
    };

    /// <summary>The four rows (calls, images, dollars, seconds) of a tier planned against actual; planned may be unknown.</summary>
    public static List<object?> PlanRows(Planning.TierPlan? planned, Planning.TierPlan actual, string secondsLabel)
    {
        string Maybe(Func<Planning.TierPlan, string> f) => planned is null ? "–" : f(planned);
        string Diff(Func<Planning.TierPlan, decimal> f, Func<decimal, string> format) => planned is null ? "–" : Format.Diff(f(planned), f(actual), format);
        return
        [
            Row("calls", Maybe(p => Format.Int(p.Calls)), Format.Int(actual.Calls), Diff(p => p.Calls, d => Format.Int((int)d)), Maybe(p => Format.Int(p.Calls)), Format.Int(actual.Calls), "calls"),
            Row("images", Maybe(p => Format.Int(p.Images)), Format.Int(actual.Images), Diff(p => p.Images, d => Format.Int((int)d)), Maybe(p => Format.Int(p.Images)), Format.Int(actual.Images), "images"),
            Row("dollars", Maybe(p => Format.Usd(p.CostUsd)), Format.Usd(actual.CostUsd), Diff(p => p.CostUsd, d => Format.Usd(d)), Maybe(p => Format.Raw(p.CostUsd)), Format.Raw(actual.CostUsd), "usd"),
            Row(secondsLabel, Maybe(p => Format.Seconds(p.WallClock)), Format.Seconds(actual.WallClock), Diff(p => (decimal)p.WallClock.TotalSeconds, d => Format.Seconds(TimeSpan.FromSeconds((double)d))), Maybe(p => Format.Raw(p.WallClock.TotalMilliseconds)), Format.Raw(actual.WallClock.TotalMilliseconds), "ms"),
        ];
    }
}
