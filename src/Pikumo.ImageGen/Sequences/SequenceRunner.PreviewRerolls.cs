using Pikumo.ImageGen.Privacy;
using Pikumo.ImageGen.Sequences.Judging;
using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Sequences;

/// <content>
/// Preview re-rolls: a chunk whose composite has a rejected panel is made again (the whole composite, one paid call:
/// the preview tier's unit) while <see cref="FrameJudging.MaxRerolls"/> and the budgets allow. Each rejected beat is
/// judged on its panel of the new composite and keeps its best panel across the rolls; accepted beats keep theirs.
/// Every composite and panel paid for stays in the folder (<c>-r2</c>, …) and in the manifest's candidates.
/// </content>
public sealed partial class SequenceRunner
{
    /// <summary>A panel cut in this run: its beat, its position in the chunk, and its outcome as judged so far.</summary>
    private sealed record CutPanel(int Beat, int Index, PaidOutcome Outcome);

    private async Task<List<CutPanel>> RerollRejectedPanelsAsync(
        SequenceRun run, PaidUnit unit, PaidOutcome first, List<CutPanel> cut, CompositeLayout layout, ImageEditRequest request, IReadOnlyList<string> sent,
        Func<PaidOutcome, int, ImageProvenance> provenanceOf, int chunk, CancellationToken cancellationToken)
    {
        if (run.Request.Judging is not { } judging)
        {
            return cut;
        }

        var composite = await run.Journal.FindAsync(unit.Key, cancellationToken).ConfigureAwait(false);
        var roll = composite?.Candidates is { Count: > 0 } rolls ? rolls.Max(c => c.Roll) : 1;
        var estimate = first.Cost?.Usd ?? 0m;
        while (cut.Where(c => c.Outcome.Rejected).ToList() is { Count: > 0 } rejected && roll < 1 + judging.MaxRerolls)
        {
            if (!run.TryReserveReroll(estimate))
            {
                SequenceLog.RerollOverBudget(_logger, run.TierName, unit.Name, judging.RerollBudgetUsd ?? 0m);
                break;
            }

            var worst = rejected[0].Outcome.Judgements.LastOrDefault(j => j.Kept) ?? FrameJudgement.Reject("rejected");
            var kept = await run.Journal.FindAsync(unit.Key, cancellationToken).ConfigureAwait(false);
            var next = unit with { Roll = roll + 1, FileStem = $"{unit.FileStem}-r{roll + 1}", Candidates = kept?.Candidates ?? [] };
            SequenceLog.Rerolling(_logger, run.TierName, unit.Name, roll + 1, $"{rejected.Count} of {cut.Count} panels, first {worst}");
            run.Reporter.Rerolling(next, roll + 1, worst, rejected[0].Beat);
            var made = await _calls.MakeAsync(run, next, Resolution.Call(kept?.PossiblyBilledTwice ?? 0, repeat: false), ct => _client.EditAsync(request, ct), cancellationToken).ConfigureAwait(false);
            run.Reporter.Settled(next, made);
            run.SettleReroll(estimate, made.State == PaidState.Made ? made.Cost?.Usd ?? estimate : made.State == PaidState.Unknown ? estimate : 0m);
            if (made is not { State: PaidState.Made, Image: { } image })
            {
                // As for a final frame: a failed re-roll gives the journal back its kept entry; an unknown one stays journaled as
                // unknown for the next run's UnknownOutcomes (the chunk's frames keep the panels they have).
                if (kept is not null && made.State == PaidState.Failed)
                {
                    await run.Journal.RecordAsync(unit.Key, kept with { Error = $"re-roll {roll + 1}: {made.Error}" }).ConfigureAwait(false);
                }

                break;
            }

            roll++;
            run.Reporter.Rerolled();
            await run.Journal.UpdateAsync(unit.Key, e => e?.Candidates is { Count: > 0 } all ? e with { CostUsd = all.Sum(c => c.CostUsd ?? 0m) } : null).ConfigureAwait(false);
            var panels = await _slicer!.SliceAsync(image, layout, provenanceOf(made, roll), cancellationToken).ConfigureAwait(false);
            var share = made.Cost is { } cost ? new ImageCost(decimal.Round(cost.Usd / rejected.Count, 6), cost.Basis) : (ImageCost?)null;
            foreach (var panel in rejected)
            {
                cut[cut.IndexOf(panel)] = panel with
                {
                    Outcome = await RerolledPanelAsync(run, panel, panels[panel.Index], made, share, roll, chunk, layout, request, sent, cancellationToken).ConfigureAwait(false),
                };
            }
        }

        return cut;
    }

    /// <summary>Saves and judges a rejected beat's panel of a re-rolled composite, and keeps the better of it and what the beat has.</summary>
    private async Task<PaidOutcome> RerolledPanelAsync(
        SequenceRun run, CutPanel earlier, GeneratedImage panel, PaidOutcome made, ImageCost? share, int roll, int chunk, CompositeLayout layout,
        ImageEditRequest request, IReadOnlyList<string> sent, CancellationToken cancellationToken)
    {
        var beat = earlier.Beat;
        var name = layout.Panels[earlier.Index].Name;
        var file = $"preview/frame-{beat + 1:000}-r{roll}{panel.FileExtension}";
        await run.Journal.SaveAsync(file, panel).ConfigureAwait(false);
        var judgement = await JudgeAsync(run, beat, chunk, PanelContext(run, beat, chunk, panel, request, sent, layout.PanelSize, name, roll), cancellationToken).ConfigureAwait(false);
        var before = earlier.Outcome.Judgements.LastOrDefault(j => j.Kept);
        var better = before is null || Better(judgement, before);
        var record = new SequenceCandidateRecord
        {
            Roll = roll, File = file, Sha256 = Internal.Sha256Hex.Of(panel.Data.Span), RequestId = made.RequestId, CostUsd = share?.Usd,
            Judgement = SequenceJudgementRecord.Of(judgement), Kept = better,
        };
        var kept = better ? judgement with { Kept = true } : before!;
        await run.Journal.UpdateAsync(run.FrameKey(beat, chunk), e =>
        {
            if (e is null)
            {
                return null;
            }

            // The first re-roll turns the entry's own panel into its first candidate.
            var candidates = e.Candidates is { Count: > 0 } some
                ? [.. some.Select(c => better ? c with { Kept = false } : c)]
                : new List<SequenceCandidateRecord> { new() { Roll = 1, File = e.File, Sha256 = e.Sha256, RequestId = e.RequestId, CostUsd = e.CostUsd, Judgement = e.Judgement, Kept = !better } };
            candidates.Add(record);
            var updated = e with { Candidates = candidates, CostUsd = (e.CostUsd ?? 0m) + (share?.Usd ?? 0m), Judgement = SequenceJudgementRecord.Of(kept) };
            return better ? updated with { File = file, Sha256 = record.Sha256, RequestId = made.RequestId } : updated;
        }).ConfigureAwait(false);

        var outcome = earlier.Outcome;
        return outcome with
        {
            Image = better ? panel : outcome.Image, File = better ? file : outcome.File, RequestId = better ? made.RequestId : outcome.RequestId,
            Cost = outcome.Cost is { } cost ? new ImageCost(cost.Usd + (share?.Usd ?? 0m), cost.Basis) : share,
            Judgement = SequenceJudgementRecord.Of(kept), Rerolls = outcome.Rerolls + 1,
            Judgements = [.. outcome.Judgements.Select(j => better ? j with { Kept = false } : j), better ? judgement with { Kept = true } : judgement],
        };
    }

    /// <summary>Whether a new judgement beats the kept one: accepted over rejected, then the higher score; a tie keeps the earlier roll.</summary>
    private static bool Better(FrameJudgement candidate, FrameJudgement kept) =>
        candidate.IsRejected != kept.IsRejected
            ? !candidate.IsRejected
            : (candidate.Score ?? double.NegativeInfinity) > (kept.Score ?? double.NegativeInfinity);
}
