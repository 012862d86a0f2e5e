using Pikumo.ImageGen.Planning;
using Pikumo.ImageGen.Reporting.Internal;
using Pikumo.ImageGen.Sequences;

namespace Pikumo.ImageGen.Reporting;

/// <summary>
/// A sequence run as a report: every frame, composite and generated reference from the folder's manifest, the plan
/// and the runs recorded beside it, and the actual figures summed from the manifest. Because it is read from the
/// folder, a report can be made again later from the folder alone, also for a run that was stopped and resumed.
/// </summary>
public sealed class SequenceReport
{
    /// <summary>The page's file name inside the run's folder.</summary>
    public const string FileName = "report.html";

    /// <summary>The file beside the manifest in which <see cref="RecordAsync"/> keeps the plan and what each run took.</summary>
    public const string RecordFileName = "report.json";

    /// <summary>The run's folder; every file path of the report is relative to it.</summary>
    public required string Directory { get; init; }

    /// <summary>The page's title.</summary>
    public string Title { get; init; } = "Sequence run";

    /// <summary>The plan recorded for the run, or <see langword="null"/> when none was recorded.</summary>
    public SequencePlan? Plan { get; init; }

    /// <summary>The runs recorded into the folder, oldest first (a stopped run that never finished is not among them).</summary>
    public IReadOnlyList<SequenceReportRun> Runs { get; init; } = [];

    /// <summary>References generated for a story without photos.</summary>
    public IReadOnlyList<SequenceReportEntry> References { get; init; } = [];

    /// <summary>Preview composites, one per chunk.</summary>
    public IReadOnlyList<SequenceReportEntry> Composites { get; init; } = [];

    /// <summary>Frames of every tier, in story order within each tier.</summary>
    public IReadOnlyList<SequenceReportEntry> Frames { get; init; } = [];

    /// <summary>The tiers with frames, preview first, then final.</summary>
    public IReadOnlyList<SequenceTier> Tiers => [.. Frames.Where(f => f.Tier is not null).Select(f => f.Tier!.Value).Distinct().Order()];

    /// <summary>Reads a run's folder: its manifest, and the plan and runs recorded beside it if any.</summary>
    /// <param name="directory">The run's folder (the <c>OutputDirectory</c> of the run).</param>
    /// <param name="cancellationToken">Cancels the reads.</param>
    /// <returns>The report.</returns>
    /// <exception cref="FileNotFoundException">The folder has no manifest.</exception>
    /// <exception cref="InvalidDataException">The manifest or the record is not valid.</exception>
    public static async Task<SequenceReport> LoadAsync(string directory, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var folder = Path.GetFullPath(directory);
        var manifest = await SequenceRunManifest.LoadAsync(folder, cancellationToken).ConfigureAwait(false)
            ?? throw new FileNotFoundException($"'{folder}' has no {SequenceRunManifest.FileName}: it is not the folder of a sequence run.", Path.Combine(folder, SequenceRunManifest.FileName));
        var extras = await ManifestExtras.ReadAsync(Path.Combine(folder, SequenceRunManifest.FileName), cancellationToken).ConfigureAwait(false);
        var record = await ReportRecordFile.LoadAsync(Path.Combine(folder, RecordFileName), cancellationToken).ConfigureAwait(false);
        return new SequenceReport
        {
            Directory = folder,
            Title = $"Sequence run: {Path.GetFileName(folder)}",
            Plan = record?.Plan,
            Runs = record?.Runs ?? [],
            References = Entries(folder, manifest.References, extras.References),
            Composites = Entries(folder, manifest.Composites, extras.Composites),
            Frames = [.. Entries(folder, manifest.Frames, extras.Frames).OrderBy(f => f.Tier).ThenBy(f => f.Beat)],
        };
    }

    /// <summary>
    /// Records a finished run beside its manifest (the plan, and what this run took, appended to <see cref="RecordFileName"/>),
    /// then reads the folder. Call it after each <see cref="SequenceRunner.RunToEndAsync"/>, so a report made later from the
    /// folder alone has the plan and every run's wall clock.
    /// </summary>
    /// <param name="directory">The run's folder.</param>
    /// <param name="result">The run's result.</param>
    /// <param name="timeProvider">The clock for the record's time; the system's by default.</param>
    /// <param name="cancellationToken">Cancels the reads and the write.</param>
    /// <returns>The report.</returns>
    public static async Task<SequenceReport> RecordAsync(string directory, SequenceRunResult result, TimeProvider? timeProvider = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        ArgumentNullException.ThrowIfNull(result);
        var path = Path.Combine(Path.GetFullPath(directory), RecordFileName);
        var record = await ReportRecordFile.LoadAsync(path, cancellationToken).ConfigureAwait(false) ?? new ReportRecord();
        var tier = result.Frames.Count > 0 ? result.Frames[0].Tier : SequenceTier.Final;
        record.Plan = result.Plan;
        record.Runs.Add(new SequenceReportRun
        {
            Tier = tier,
            Calls = result.Actual.Calls,
            Images = result.Actual.Images,
            CostUsd = result.Actual.CostUsd,
            WallClock = result.Actual.WallClock,
            Reused = result.Frames.Count(f => f.FromManifest),
            Failed = result.Failed.Count,
            RecordedAt = (timeProvider ?? TimeProvider.System).GetUtcNow(),
        });
        await ReportRecordFile.SaveAsync(path, record, cancellationToken).ConfigureAwait(false);
        return await LoadAsync(directory, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// What a tier actually took, summed from the manifest the way the planner counts it: the tier's calls (composites
    /// for preview, frames for final, each with its re-rolls and best-of-n images) plus generated references; the wall clock of the recorded runs of the tier, or,
    /// when none was recorded, the critical path of the calls (chunks in series, a chunk's calls in parallel).
    /// </summary>
    /// <param name="tier">The tier.</param>
    /// <returns>The figures.</returns>
    public TierPlan ActualFor(SequenceTier tier)
    {
        var calls = CallsOf(tier).Where(e => e.IsDone).ToList();
        var references = References.Where(r => r.IsDone).ToList();
        var recorded = Runs.Where(r => r.Tier == tier).ToList();
        return new TierPlan
        {
            Calls = calls.Sum(c => c.Calls) + references.Count,
            Images = calls.Sum(c => c.Images) + references.Count,
            CostUsd = calls.Sum(c => c.CostUsd ?? 0m) + references.Sum(r => r.CostUsd ?? 0m),
            WallClock = recorded.Count > 0 ? recorded.Aggregate(TimeSpan.Zero, (sum, r) => sum + r.WallClock) : CriticalPath(tier),
            CallLatency = calls.Count > 0 ? TimeSpan.FromTicks((long)calls.Average(c => c.Elapsed.Ticks)) : TimeSpan.Zero,
        };
    }

    /// <summary>The calls of a tier's critical path: generated references first, then each chunk's longest call, chunks in series.</summary>
    /// <param name="tier">The tier.</param>
    /// <returns>The sum of those calls' times.</returns>
    public TimeSpan CriticalPath(SequenceTier tier)
    {
        var references = References.Where(r => r.IsDone).Select(r => r.Elapsed).DefaultIfEmpty().Max();
        return CallsOf(tier).Where(e => e.IsDone).GroupBy(e => e.Chunk).Aggregate(references, (sum, chunk) => sum + chunk.Max(e => e.Elapsed));
    }

    /// <summary>The paid calls of a tier: the composites of the preview tier, the frames of any other.</summary>
    /// <param name="tier">The tier.</param>
    /// <returns>The entries, by chunk then beat.</returns>
    public IReadOnlyList<SequenceReportEntry> CallsOf(SequenceTier tier) =>
        [.. (tier == SequenceTier.Preview ? Composites.Where(c => c.Tier == tier) : Frames.Where(f => f.Tier == tier)).OrderBy(e => e.Chunk).ThenBy(e => e.Beat)];

    /// <summary>Renders the page: one self-contained HTML file that links the run's files by relative path.</summary>
    /// <returns>The HTML.</returns>
    public string ToHtml() => ReportTemplates.Render("sequence", Title, SequenceView.Build(this));

    /// <summary>Writes the page into the run's folder as <see cref="FileName"/>, atomically.</summary>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The page's path.</returns>
    public async Task<string> WriteAsync(CancellationToken cancellationToken = default)
    {
        var path = Path.Combine(Directory, FileName);
        await ReportFiles.WriteTextAsync(path, ToHtml(), cancellationToken).ConfigureAwait(false);
        return path;
    }

    private static List<SequenceReportEntry> Entries(string folder, IReadOnlyList<SequenceRunManifestEntry> entries, IReadOnlyList<EntryExtras> extras) =>
        [.. entries.Select((e, i) =>
        {
            var (exists, width, height) = ReportFiles.Probe(folder, e.File);
            var extra = i < extras.Count ? extras[i] : default;
            return new SequenceReportEntry
            {
                Tier = e.Tier, Beat = e.Beat, Text = e.Text, Chunk = e.Chunk, File = e.File, State = e.State, Error = e.Error,
                RequestId = e.RequestId, Panel = e.Panel, References = e.References, CostUsd = e.Cost?.Usd, CostEstimated = e.Cost?.Basis == ImageCostBasis.Estimate,
                Elapsed = e.Elapsed, Attempts = e.Attempts ?? extra.Attempts, Judgement = extra.Judgement,
                Calls = Math.Max(1, e.Candidates.Select(c => c.Roll).Distinct().Count()), Images = Math.Max(1, e.Candidates.Count),
                FileExists = exists, Width = width, Height = height,
            };
        })];
}
