using System.Globalization;
using Pikumo.ImageGen.Sequences;

namespace Pikumo.ImageGen.Reporting.Internal;

/// <summary>The sequence page's model: plain dictionaries and strings, numbers formatted here, encoded by the template.</summary>
internal static class SequenceView
{
    public static Dictionary<string, object?> Build(SequenceReport report)
    {
        var plan = report.Plan;
        return new()
        {
            ["title"] = report.Title,
            ["folder"] = report.Directory,
            ["has_plan"] = plan is not null,
            ["provider"] = plan?.Provider,
            ["model"] = plan?.Model,
            ["beats"] = plan is null ? null : Format.Int(plan.Beats),
            ["chunk_sizes"] = plan is null ? null : string.Join(", ", plan.ChunkSizes),
            ["runs"] = report.Runs.Select(Run).ToList<object?>(),
            ["references"] = report.References.Select(r => Entry(r, $"reference {r.Beat + 1}")).ToList<object?>(),
            ["tiers"] = report.Tiers.Select(t => Tier(report, t)).ToList<object?>(),
        };
    }

    private static Dictionary<string, object?> Tier(SequenceReport report, SequenceTier tier)
    {
        var frames = report.Frames.Where(f => f.Tier == tier).OrderBy(f => f.Beat).ToList();
        var actual = report.ActualFor(tier);
        var planned = report.Plan is null ? null : tier == SequenceTier.Preview ? report.Plan.Preview : report.Plan.Final;
        var recorded = report.Runs.Count(r => r.Tier == tier);
        var secondsLabel = recorded > 0 ? $"seconds (wall clock of {recorded} recorded run{(recorded == 1 ? string.Empty : "s")})" : "seconds (critical path of the calls)";
        return new()
        {
            ["name"] = Format.TierName(tier),
            ["plan_rows"] = ViewParts.PlanRows(planned, actual, secondsLabel),
            ["critical_path"] = Format.Seconds(report.CriticalPath(tier)),
            ["done"] = Format.Int(frames.Count(f => f.IsDone)),
            ["failed"] = Format.Int(frames.Count(f => f.State == SequenceEntryState.Failed)),
            ["other"] = Format.Int(frames.Count(f => !f.IsDone && f.State != SequenceEntryState.Failed)),
            ["frame_count"] = Format.Int(frames.Count),
            ["frames"] = frames.Select(f => Entry(f, $"frame {f.Beat + 1}")).ToList<object?>(),
            ["composites"] = tier == SequenceTier.Preview ? report.Composites.Where(c => c.Tier == tier).OrderBy(c => c.Chunk).Select(c => Entry(c, $"composite of chunk {c.Chunk + 1}")).ToList<object?>() : [],
            ["timeline"] = Timeline(report, tier),
        };
    }

    private static Dictionary<string, object?> Entry(SequenceReportEntry e, string name)
    {
        var (beat, details) = Format.SplitKey(e.Text);
        return new()
        {
            ["name"] = name,
            ["beat_no"] = e.Beat >= 0 ? Format.Int(e.Beat + 1) : null,
            ["beat"] = beat,
            ["details"] = details,
            ["status"] = Format.StateName(e.State),
            ["state_class"] = Format.StateClass(e.State),
            ["done"] = e.IsDone,
            ["image"] = ViewParts.Image(e.File, e.Width, e.Height, e.FileExists && e.IsDone, $"{name}: {beat}"),
            ["chunk_no"] = Format.Int(e.Chunk + 1),
            ["panel"] = e.Panel,
            ["references"] = e.References.ToList<object?>(),
            ["cost"] = Format.Usd(e.CostUsd) + (e.CostEstimated ? " (estimate)" : string.Empty),
            ["raw_usd"] = e.CostUsd is { } usd ? Format.Raw(usd) : string.Empty,
            ["seconds"] = Format.Seconds(e.Elapsed),
            ["raw_ms"] = Format.Raw(e.Elapsed.TotalMilliseconds),
            ["retries"] = e.Attempts is { } attempts ? Format.Int(Math.Max(0, attempts - 1)) : "not recorded",
            ["request_id"] = e.RequestId,
            ["judgement"] = e.Judgement,
            ["error"] = e.Error,
        };
    }

    private static Dictionary<string, object?> Run(SequenceReportRun run, int index) => new()
    {
        ["no"] = Format.Int(index + 1),
        ["tier"] = Format.TierName(run.Tier),
        ["calls"] = Format.Int(run.Calls),
        ["images"] = Format.Int(run.Images),
        ["cost"] = Format.Usd(run.CostUsd),
        ["seconds"] = Format.Seconds(run.WallClock),
        ["reused"] = Format.Int(run.Reused),
        ["failed"] = Format.Int(run.Failed),
        ["at"] = run.RecordedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Calls on a time axis, reconstructed from the manifest's call times: generated references first, then chunk after
    /// chunk (each chains from the one before), a chunk's calls side by side from its start.
    /// </summary>
    private static Dictionary<string, object?> Timeline(SequenceReport report, SequenceTier tier)
    {
        var groups = new List<(string Label, List<SequenceReportEntry> Calls)>();
        var references = report.References.Where(r => r.IsDone).ToList();
        if (references.Count > 0)
        {
            groups.Add(("references", references));
        }

        groups.AddRange(report.CallsOf(tier).GroupBy(c => c.Chunk).OrderBy(g => g.Key).Select(g => ($"chunk {g.Key + 1}", g.OrderBy(c => c.Beat).ToList())));
        var total = groups.Sum(g => g.Calls.Where(c => c.IsDone).Select(c => c.Elapsed.TotalMilliseconds).DefaultIfEmpty().Max());
        var scale = total > 0 ? 100 / total : 0;
        var start = 0d;
        var rows = new List<object?>();
        foreach (var (label, calls) in groups)
        {
            rows.AddRange(calls.Select((c, i) => (object?)new Dictionary<string, object?>
            {
                ["group"] = i == 0 ? label : null,
                ["label"] = c.Tier is null ? $"reference {c.Beat + 1}" : c.Beat >= 0 ? $"frame {c.Beat + 1}" : "composite",
                ["left"] = Format.Percent(start * scale),
                ["width"] = Format.Percent(Math.Max(0.4, c.Elapsed.TotalMilliseconds * scale)),
                ["seconds"] = Format.Seconds(c.Elapsed),
                ["state_class"] = Format.StateClass(c.State),
                ["status"] = Format.StateName(c.State),
            }));
            start += calls.Where(c => c.IsDone).Select(c => c.Elapsed.TotalMilliseconds).DefaultIfEmpty().Max();
        }

        return new() { ["rows"] = rows, ["total"] = Format.Seconds(TimeSpan.FromMilliseconds(total)), ["any"] = rows.Count > 0 };
    }
}
