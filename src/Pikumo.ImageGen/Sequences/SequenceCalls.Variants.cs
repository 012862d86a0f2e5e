namespace Pikumo.ImageGen.Sequences;

/// <content>Every image of a best-of-n answer goes to the journal (with its hash) and to a file of its own.</content>
internal sealed partial class SequenceCalls
{
    /// <summary>The answer's images and their files: the first takes the unit's file name, variant v (1-based) the suffix <c>-v{v}</c>.</summary>
    private static List<PaidImage> Variants(PaidUnit unit, ImageResult result) =>
        [.. result.Images.Select((image, i) => new PaidImage(
            image,
            (i == 0 ? unit.FileStem : $"{unit.FileStem}-v{i + 1}") + image.FileExtension,
            SequenceJournal.Sha256(image.Data.Span),
            i))];

    /// <summary>
    /// For a judged run: the entry's earlier images plus this answer's, not yet judged, so a run stopped before its
    /// judge answered still knows every image it paid for.
    /// </summary>
    private static List<SequenceCandidateRecord>? Candidates(SequenceRun run, PaidUnit unit, List<PaidImage> variants, ImageResult result) =>
        run.Request.Judging is null && unit.Candidates.Count == 0
            ? null
            : [.. unit.Candidates, .. variants.Select(v => new SequenceCandidateRecord
            {
                Roll = unit.Roll, Variant = v.Variant, File = v.File, Sha256 = v.Sha256, RequestId = result.RequestId,
                CostUsd = v.Variant == 0 ? result.Cost?.Usd : null,
            })];
}
