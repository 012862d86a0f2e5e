namespace Pikumo.ImageGen.Reporting;

/// <summary>
/// What one run into a folder took, as recorded by <see cref="SequenceReport.RecordAsync"/> from its
/// <see cref="Sequences.SequenceRunResult"/>: a run stopped and resumed appears once per run that finished.
/// </summary>
public sealed record SequenceReportRun
{
    /// <summary>The tier the run made.</summary>
    public Sequences.SequenceTier Tier { get; init; }

    /// <summary>Paid calls in this run.</summary>
    public int Calls { get; init; }

    /// <summary>Images paid for in this run.</summary>
    public int Images { get; init; }

    /// <summary>What this run paid, in USD.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>The run's wall clock.</summary>
    public TimeSpan WallClock { get; init; }

    /// <summary>Frames taken from the manifest of an earlier run instead of being paid for again.</summary>
    public int Reused { get; init; }

    /// <summary>Frames that failed in this run.</summary>
    public int Failed { get; init; }

    /// <summary>When the run was recorded.</summary>
    public DateTimeOffset RecordedAt { get; init; }
}
