namespace Pikumo.ImageGen.Sequences;

/// <content>Every image of a best-of-n answer goes to the journal (with its hash) and to a file of its own.</content>
internal sealed partial class SequenceCalls
{
    /// <summary>The answer's images and their files: the first takes the unit's file name, variant v (1-based) the suffix <c>-v{v}</c>.</summary>
    private static List<PaidImage> Variants(PaidUnit unit, ImageResult result) =>
        [.. result.Images.Select((image, i) => new PaidImage(
            image,
            (i == 0 ? unit.FileStem : $"{unit.FileStem}-v{i + 1}") + image.FileExtension,
            image.Sha256 ?? Internal.Sha256Hex.Of(image.Data.Span),
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

    /// <summary>
    /// The unit a stopped call of a judged entry resumes as: its roll (the one in flight, or the answered one whose file
    /// was lost), that roll's file names, and the images the entry paid for before it, so a fetched re-roll never takes
    /// the name of an earlier roll's file.
    /// </summary>
    private static PaidUnit Resumed(PaidUnit unit, SequenceManifestEntry entry)
    {
        unit = unit with { References = entry.References };
        if (entry.Candidates is not { Count: > 0 } candidates)
        {
            return unit;
        }

        var last = candidates.Max(c => c.Roll);
        var roll = entry.Status == SequenceJournal.Answered ? last : last + 1;
        return unit with
        {
            Roll = roll,
            FileStem = roll > 1 ? $"{unit.FileStem}-r{roll}" : unit.FileStem,
            Candidates = [.. candidates.Where(c => c.Roll < roll)],
        };
    }
}
