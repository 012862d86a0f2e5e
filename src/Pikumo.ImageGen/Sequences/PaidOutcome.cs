namespace Pikumo.ImageGen.Sequences;

/// <summary>One paid unit of a run: a final frame, a preview composite or a generated reference, and the file it goes to.</summary>
internal sealed record PaidUnit(JournalKey Key, string FileStem, IReadOnlyList<string> References)
{
    /// <summary>Which paid call of a judged entry this is: 1 for the first, 2 for the first re-roll…</summary>
    public int Roll { get; init; } = 1;

    /// <summary>The images a judged entry already has (earlier rolls), carried into every journal write of a re-roll.</summary>
    public IReadOnlyList<SequenceCandidateRecord> Candidates { get; init; } = [];

    /// <summary>The call's fingerprint (<see cref="Internal.CallFingerprint"/>), journaled before the call; <see langword="null"/> when it cannot be known ahead.</summary>
    public string? CallSha256 { get; init; }

    /// <summary>Edit for frames and composites, generate for references: which endpoint's history a lost submission is looked for in.</summary>
    public Transports.ImageOperation Operation => Key.Kind == JournalList.References ? Transports.ImageOperation.Generate : Transports.ImageOperation.Edit;

    /// <summary>A name for logs: <c>beat 7</c>, <c>chunk 2</c>, <c>reference 1</c>.</summary>
    public string Name => Key.Kind switch
    {
        JournalList.Composites => $"chunk {Key.Chunk + 1}",
        JournalList.References => $"reference {Key.Beat + 1}",
        _ => $"beat {Key.Beat + 1}",
    };
}

/// <summary>What became of a paid unit.</summary>
internal enum PaidState
{
    Made,
    Failed,
    Unknown,
    LeftForBudget,
}

/// <summary>A unit's image (made, reused or recovered) or why there is none.</summary>
internal sealed record PaidOutcome(PaidState State)
{
    public GeneratedImage? Image { get; init; }

    public string? File { get; init; }

    public IReadOnlyList<string> References { get; init; } = [];

    public string? RequestId { get; init; }

    public ImageUsage? Usage { get; init; }

    public ImageCost? Cost { get; init; }

    public TimeSpan Elapsed { get; init; }

    /// <summary>Paid by an earlier run (reused, adopted or fetched), not this one.</summary>
    public bool FromManifest { get; init; }

    /// <summary>Not in the manifest as done before this run: adopted from a temporary file or fetched by fal job id.</summary>
    public bool Recovered { get; init; }

    /// <summary>Made again in this run although an earlier call may have been billed.</summary>
    public bool PossiblyBilledTwice { get; init; }

    public string? Error { get; init; }

    /// <summary>Every image of the call (one per variant), each with its file and hash; empty when not made in this run.</summary>
    public IReadOnlyList<PaidImage> Variants { get; init; } = [];

    /// <summary>The entry's judged images (from the manifest, or as judged in this run).</summary>
    public IReadOnlyList<SequenceCandidateRecord> Candidates { get; init; } = [];

    /// <summary>The judgement of the kept image, as the manifest records it.</summary>
    public SequenceJudgementRecord? Judgement { get; init; }

    /// <summary>The judgements made of this unit's images, for the frame.</summary>
    public IReadOnlyList<Judging.FrameJudgement> Judgements { get; init; } = [];

    /// <summary>Calls made again in this run because the judge rejected the images.</summary>
    public int Rerolls { get; init; }

    /// <summary>Whether the kept image was rejected by the judge (every roll's images were).</summary>
    public bool Rejected => Judgement?.Verdict == "rejected";

    public static PaidOutcome FromEntry(SequenceManifestEntry entry, byte[] bytes, bool recovered) => new(PaidState.Made)
    {
        Candidates = entry.Candidates ?? [], Judgement = entry.Judgement, Judgements = entry.JudgementsMade(),
        Image = new GeneratedImage(0, bytes), File = entry.File, References = entry.References, RequestId = entry.RequestId, Usage = entry.Usage,
        Cost = entry.CostUsd is { } usd ? new ImageCost(usd, entry.CostEstimated ? ImageCostBasis.Estimate : ImageCostBasis.Usage) : null,
        Elapsed = TimeSpan.FromMilliseconds(entry.ElapsedMs), FromManifest = true, Recovered = recovered,
    };

    public static PaidOutcome Unknown(SequenceManifestEntry entry, string why) => new(PaidState.Unknown)
    {
        References = entry.References, RequestId = entry.RequestId, Error = why,
    };

    public static PaidOutcome Left(IReadOnlyList<string> references) => new(PaidState.LeftForBudget)
    {
        References = references, Error = "not started: its estimated cost would pass what is left of the budget",
    };
}

/// <summary>One image of a call: a variant of a best-of-n call, with the file it went to and its SHA-256.</summary>
internal sealed record PaidImage(GeneratedImage Image, string File, string Sha256, int Variant);

/// <summary>What the journal says to do with a unit before the run makes any call.</summary>
internal sealed record Resolution(ResolutionKind Kind, PaidOutcome? Outcome, int BilledTwice, bool Repeat)
{
    public static Resolution Reuse(PaidOutcome outcome) => new(ResolutionKind.Reuse, outcome, 0, false);

    public static Resolution Hold(PaidOutcome outcome) => new(ResolutionKind.Hold, outcome, 0, false);

    public static Resolution Stop(PaidOutcome outcome) => new(ResolutionKind.Stop, outcome, 0, false);

    public static Resolution Call(int billedTwice, bool repeat) => new(ResolutionKind.Call, null, billedTwice, repeat);
}

/// <summary>Reuse what is there, make the call, hold the unit (outcome unknown), or stop the run (<see cref="UnknownOutcomePolicy.Stop"/>).</summary>
internal enum ResolutionKind
{
    Reuse,
    Call,
    Hold,
    Stop,
}
