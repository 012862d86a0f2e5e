using Pikumo.ImageGen.Sequences.Judging;

namespace Pikumo.ImageGen.Sequences;

/// <summary>
/// One image a judged run paid for a frame (<see cref="SequenceRequest.Judging"/>): a variant of a best-of-n call or of a
/// re-roll, with its file, the call that made it and its judgement, as the run's manifest records it. Read-only.
/// </summary>
public sealed class SequenceRunCandidate
{
    internal SequenceRunCandidate(SequenceCandidateRecord record, bool costEstimated)
    {
        Roll = record.Roll;
        Variant = record.Variant;
        File = record.File;
        Sha256 = record.Sha256;
        RequestId = record.RequestId;
        Cost = record.CostUsd is { } usd ? new ImageCost(usd, costEstimated ? ImageCostBasis.Estimate : ImageCostBasis.Usage) : null;
        Kept = record.Kept;
        Judgement = record.Judgement?.ToJudgement(record.Kept);
    }

    /// <summary>Which paid call of the frame made it: 1 for the first, 2 for the first re-roll…</summary>
    public int Roll { get; }

    /// <summary>The 0-based variant of its call (best-of-n).</summary>
    public int Variant { get; }

    /// <summary>The file, relative to the run's folder.</summary>
    public string? File { get; }

    /// <summary>The file's SHA-256 (lower-case hex).</summary>
    public string? Sha256 { get; }

    /// <summary>The provider's request id of the call that made it.</summary>
    public string? RequestId { get; }

    /// <summary>What its call cost; recorded on variant 0 only (a call's variants share one bill), <see langword="null"/> on the others.</summary>
    public ImageCost? Cost { get; }

    /// <summary>Its judgement; <see langword="null"/> when a stopped run paid for it but did not judge it yet (the next run does, for free).</summary>
    public FrameJudgement? Judgement { get; }

    /// <summary>Whether it is the frame's kept file (<see cref="SequenceRunManifestEntry.File"/>).</summary>
    public bool Kept { get; }

    /// <inheritdoc />
    public override string ToString() => $"roll {Roll} variant {Variant}{(File is null ? string.Empty : $" ({File})")}: {Judgement?.ToString() ?? "not judged"}{(Kept ? ", kept" : string.Empty)}";
}
