namespace Pikumo.ImageGen.Sequences;

/// <content>Which run this is, which run it continues, and the judgements of its frames.</content>
internal sealed partial record SequenceManifest
{
    /// <summary>
    /// This run folder's id, given when its manifest is first written; a continued story names it
    /// (<see cref="SequenceContinuationRecord.RunId"/>). <see langword="null"/> in manifests written before ids existed.
    /// </summary>
    public string? RunId { get; set; }

    /// <summary>The earlier run (or image) this story continues from, recorded before the first paid call; <see langword="null"/> for a story that starts afresh.</summary>
    public SequenceContinuationRecord? Continues { get; set; }
}

/// <content>The judgements of a frame.</content>
internal sealed partial record SequenceManifestEntry
{
    /// <summary>The judgement of the image kept as this entry's file (see <see cref="SequenceRequest.Judging"/>); <see langword="null"/> when the run had no judge.</summary>
    public SequenceJudgementRecord? Judgement { get; init; }

    /// <summary>
    /// Every image paid for this entry when it was judged: each roll (the first call and every re-roll) and each variant of a
    /// best-of-n call, with its file, hash, cost and judgement. The kept one is also <see cref="File"/>; the others stay in the folder.
    /// </summary>
    public List<SequenceCandidateRecord>? Candidates { get; init; }

    /// <summary>The judgements the entry records, as frames and the manifest's view show them: every judged candidate (the kept one marked), or the kept judgement alone.</summary>
    public IReadOnlyList<Judging.FrameJudgement> JudgementsMade() =>
        Candidates is { Count: > 0 } candidates
            ? [.. candidates.Where(c => c?.Judgement is not null).Select(c => c.Judgement!.ToJudgement(c.Kept))]
            : Judgement is { } judgement ? [judgement.ToJudgement(kept: true)] : [];
}

/// <summary>Where a continued story's first continuity reference came from, as the manifest stores it (public view: <see cref="SequenceContinuationSource"/>).</summary>
internal sealed record SequenceContinuationRecord
{
    /// <summary>The earlier run's <see cref="SequenceManifest.RunId"/>; <see langword="null"/> for an image that is not from a run (or from a manifest without an id).</summary>
    public string? RunId { get; init; }

    /// <summary>The earlier run's folder as it was given; <see langword="null"/> for an image that is not from a run.</summary>
    public string? Folder { get; init; }

    /// <summary>The earlier run's tier (<c>final</c> or <c>preview</c>) the frame comes from.</summary>
    public string? Tier { get; init; }

    /// <summary>The 0-based beat of the earlier run's frame; -1 for an image that is not from a run.</summary>
    public int Beat { get; init; } = -1;

    /// <summary>The frame's file relative to the earlier run's folder, or the image's file name.</summary>
    public string? File { get; init; }

    /// <summary>The SHA-256 (hex) of the image's bytes: a folder continued from another image is refused.</summary>
    public string Sha256 { get; init; } = string.Empty;

    /// <summary>How the prompt describes the image (its continuity note).</summary>
    public string? Note { get; init; }
}

/// <summary>A judgement as the manifest stores it (public view: <see cref="Judging.FrameJudgement"/>).</summary>
internal sealed record SequenceJudgementRecord
{
    /// <summary>The judge's name.</summary>
    public string? Judge { get; init; }

    /// <summary><c>accepted</c>, <c>rejected</c> or <c>scored</c>.</summary>
    public string Verdict { get; init; } = string.Empty;

    /// <summary>The score, when the judge gave one.</summary>
    public double? Score { get; init; }

    /// <summary>Why.</summary>
    public string? Reason { get; init; }

    /// <summary>The roll (1 for the first call, 2 for the first re-roll…).</summary>
    public int Roll { get; init; } = 1;

    /// <summary>The 0-based variant of a best-of-n call.</summary>
    public int Variant { get; init; }

    /// <summary>The record of a judgement the runner made.</summary>
    public static SequenceJudgementRecord Of(Judging.FrameJudgement judgement) => new()
    {
        Judge = judgement.Judge, Verdict = judgement.Verdict.ToString().ToLowerInvariant(), Score = judgement.Score, Reason = judgement.Reason,
        Roll = judgement.Roll, Variant = judgement.Variant,
    };

    /// <summary>The judgement as the public API shows it; a verdict this version does not know reads as a score.</summary>
    public Judging.FrameJudgement ToJudgement(bool kept) => new()
    {
        Verdict = Enum.TryParse<Judging.FrameVerdict>(Verdict, ignoreCase: true, out var verdict) && Enum.IsDefined(verdict) ? verdict : Judging.FrameVerdict.Scored,
        Score = Score, Reason = Reason, Judge = Judge, Roll = Roll, Variant = Variant, Kept = kept,
    };
}

/// <summary>One image paid for a judged entry: a roll's variant, its file and its judgement, as the manifest stores it (public view: <see cref="SequenceRunCandidate"/>).</summary>
internal sealed record SequenceCandidateRecord
{
    /// <summary>The roll (1 for the first call, 2 for the first re-roll…).</summary>
    public int Roll { get; init; } = 1;

    /// <summary>The 0-based variant of a best-of-n call.</summary>
    public int Variant { get; init; }

    /// <summary>The file, relative to the run's folder.</summary>
    public string? File { get; init; }

    /// <summary>The file's SHA-256 (hex).</summary>
    public string? Sha256 { get; init; }

    /// <summary>The provider's request id of the call that made it.</summary>
    public string? RequestId { get; init; }

    /// <summary>The call's cost in USD (shared by its variants: recorded on variant 0).</summary>
    public decimal? CostUsd { get; init; }

    /// <summary>Its judgement; <see langword="null"/> until judged.</summary>
    public SequenceJudgementRecord? Judgement { get; init; }

    /// <summary>Whether it is the entry's kept file.</summary>
    public bool Kept { get; init; }
}
