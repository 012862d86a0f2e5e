using System.Collections.ObjectModel;
using Pikumo.ImageGen.Privacy;
using Pikumo.ImageGen.Sequences.Judging;

namespace Pikumo.ImageGen.Sequences;

/// <summary>One paid unit a run recorded in its manifest (a frame, a composite or a generated reference), read-only.</summary>
public sealed class SequenceRunManifestEntry
{
    internal SequenceRunManifestEntry(SequenceManifestEntry entry)
    {
        Tier = TierOf(entry.Tier);
        Beat = entry.Beat;
        Chunk = entry.Chunk;
        Text = entry.Text ?? string.Empty;
        File = entry.File;
        Sha256 = entry.Sha256;
        State = StateOf(entry.Status);
        Provider = entry.Provider;
        Model = entry.Model;
        PossiblyBilledTwice = entry.PossiblyBilledTwice;
        Attempts = entry.Attempts;
        Error = entry.Error;
        RequestId = entry.RequestId;
        Panel = entry.Panel;
        References = new ReadOnlyCollection<string>([.. entry.References ?? []]);
        Consents = new ReadOnlyCollection<ConsentRecord>([.. entry.Consents ?? []]);
        Cost = entry.CostUsd is { } usd ? new ImageCost(usd, entry.CostEstimated ? ImageCostBasis.Estimate : ImageCostBasis.Usage) : null;
        Usage = entry.Usage;
        Elapsed = TimeSpan.FromMilliseconds(entry.ElapsedMs);
        Judgements = new ReadOnlyCollection<FrameJudgement>([.. entry.JudgementsMade()]);
        Judgement = entry.Judgement?.ToJudgement(kept: true);
        Candidates = new ReadOnlyCollection<SequenceRunCandidate>([.. (entry.Candidates ?? []).Where(c => c is not null).Select(c => new SequenceRunCandidate(c, entry.CostEstimated))]);
    }

    /// <summary>The tier the file was made for; <see langword="null"/> for a reference generated for a story without photos. Composites belong to <see cref="SequenceTier.Preview"/>.</summary>
    public SequenceTier? Tier { get; }

    /// <summary>The beat index (frames) or reference index (references); -1 for composites.</summary>
    public int Beat { get; }

    /// <summary>The chunk.</summary>
    public int Chunk { get; }

    /// <summary>The beat text (or reference prompt) the file was made for; a rerun reuses the file only for the same text.</summary>
    public string Text { get; }

    /// <summary>The file, relative to the run's folder; <see langword="null"/> until it is written.</summary>
    public string? File { get; }

    /// <summary>The image's SHA-256 (lower-case hex), recorded as soon as it arrived: a file that does not match is made again.</summary>
    public string? Sha256 { get; }

    /// <summary>Where the unit stands.</summary>
    public SequenceEntryState State { get; }

    /// <summary>The provider the call went to (<c>openai</c>, <c>azure.ai.openai</c>, <c>fal</c>…).</summary>
    public string? Provider { get; }

    /// <summary>The model the call asked for.</summary>
    public string? Model { get; }

    /// <summary>
    /// How many earlier calls for this unit may have been billed without giving an image (outcome unknown, then made
    /// again under <see cref="UnknownOutcomePolicy.Regenerate"/>): each one may have been paid twice.
    /// </summary>
    public int PossiblyBilledTwice { get; }

    /// <summary>How many calls the run made for the unit before it was answered or given up; <see langword="null"/> when not recorded.</summary>
    public int? Attempts { get; }

    /// <summary>Why it failed, or why its outcome is unknown.</summary>
    public string? Error { get; }

    /// <summary>The provider's request id; for fal the queue job's id, recorded as soon as the submission returns.</summary>
    public string? RequestId { get; }

    /// <summary>The composite panel a preview frame was cut from.</summary>
    public string? Panel { get; }

    /// <summary>The references the call was made from (labels such as the photos' names or <c>previous frame</c>).</summary>
    public IReadOnlyList<string> References { get; }

    /// <summary>The consent records of the subjects the call showed; empty when none were given.</summary>
    public IReadOnlyList<ConsentRecord> Consents { get; }

    /// <summary>What the call cost (a preview frame carries its share of the composite); <see langword="null"/> when not priced.</summary>
    public ImageCost? Cost { get; }

    /// <summary>Token usage, when the provider reported it.</summary>
    public ImageUsage? Usage { get; }

    /// <summary>How long the call took.</summary>
    public TimeSpan Elapsed { get; }

    /// <summary>
    /// The judgement of the kept image, when the run had a judge (<see cref="SequenceRequest.Judging"/>): its verdict,
    /// score, judge, reason, roll and variant. <see langword="null"/> for an unjudged unit.
    /// </summary>
    public FrameJudgement? Judgement { get; }

    /// <summary>
    /// Every judgement made of the unit's images, oldest first: each variant of each roll of a final frame (the kept one has
    /// <see cref="FrameJudgement.Kept"/>), or a preview panel's one judgement. Empty for an unjudged unit.
    /// </summary>
    public IReadOnlyList<FrameJudgement> Judgements { get; }

    /// <summary>
    /// Every image a judged final frame paid for (each roll and variant) with its file, request id, cost and judgement;
    /// the kept one is also <see cref="File"/>, the others stay in the folder. Empty for an unjudged unit and for preview panels.
    /// </summary>
    public IReadOnlyList<SequenceRunCandidate> Candidates { get; }

    /// <inheritdoc />
    public override string ToString() => $"{Tier?.ToString() ?? "Reference"} beat {Beat} chunk {Chunk}: {State}{(File is null ? string.Empty : $" ({File})")}";

    private static SequenceTier? TierOf(string? tier) => tier switch
    {
        "preview" => SequenceTier.Preview,
        "final" => SequenceTier.Final,
        _ => null,
    };

    private static SequenceEntryState StateOf(string? status) => status switch
    {
        SequenceJournal.InFlight => SequenceEntryState.InFlight,
        SequenceJournal.Answered => SequenceEntryState.Answered,
        SequenceJournal.Done or null => SequenceEntryState.Done,
        SequenceJournal.Failed => SequenceEntryState.Failed,
        _ => SequenceEntryState.OutcomeUnknown,
    };
}
