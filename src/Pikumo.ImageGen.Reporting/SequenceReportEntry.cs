using Pikumo.ImageGen.Sequences;

namespace Pikumo.ImageGen.Reporting;

/// <summary>
/// One file (or one attempt at it) of a sequence run as the report shows it: a frame, a preview composite or a
/// generated reference, read from the run's manifest.
/// </summary>
public sealed class SequenceReportEntry
{
    /// <summary>The tier the file was made for; <see langword="null"/> for a generated reference. Composites belong to <see cref="SequenceTier.Preview"/>.</summary>
    public SequenceTier? Tier { get; init; }

    /// <summary>The 0-based beat (frames), reference index (references), or -1 (composites).</summary>
    public int Beat { get; init; } = -1;

    /// <summary>The beat text (or reference prompt) as the manifest keeps it.</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>The 0-based chunk.</summary>
    public int Chunk { get; init; }

    /// <summary>The file, relative to the run's folder; <see langword="null"/> when there is none.</summary>
    public string? File { get; init; }

    /// <summary>Where the call stands (<see cref="SequenceRunManifestEntry.State"/>).</summary>
    /// <value>Default <see cref="SequenceEntryState.Done"/>.</value>
    public SequenceEntryState State { get; init; } = SequenceEntryState.Done;

    /// <summary>Why it failed.</summary>
    public string? Error { get; init; }

    /// <summary>The provider's request id.</summary>
    public string? RequestId { get; init; }

    /// <summary>The composite panel a preview frame was cut from.</summary>
    public string? Panel { get; init; }

    /// <summary>The images the call was made from, in order.</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>Cost in USD (for a preview frame, its share of the composite).</summary>
    public decimal? CostUsd { get; init; }

    /// <summary>Whether the cost was estimated from the price table rather than computed from reported usage.</summary>
    public bool CostEstimated { get; init; }

    /// <summary>
    /// The paid calls behind the entry: 1, plus one per re-roll a judge asked for (the distinct rolls of its candidates);
    /// for a preview frame, the rolls of the composite it was cut from that it was judged on.
    /// </summary>
    /// <value>Default 1.</value>
    public int Calls { get; init; } = 1;

    /// <summary>The images paid for: one per call, or every variant of a best-of-n call (its candidates).</summary>
    /// <value>Default 1.</value>
    public int Images { get; init; } = 1;

    /// <summary>How long the call took.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>Attempts the call took, when the manifest records them (an <c>attempts</c> field); <see langword="null"/> when it does not.</summary>
    public int? Attempts { get; init; }

    /// <summary>A judgement of the frame, when the manifest records one (a <c>judgement</c> field), as text.</summary>
    public string? Judgement { get; init; }

    /// <summary>Width of the file in pixels (0 when unknown or missing).</summary>
    public int Width { get; init; }

    /// <summary>Height of the file in pixels (0 when unknown or missing).</summary>
    public int Height { get; init; }

    /// <summary>Whether the file is on disk.</summary>
    public bool FileExists { get; init; }

    /// <summary>Whether the entry is done.</summary>
    public bool IsDone => State == SequenceEntryState.Done;
}
