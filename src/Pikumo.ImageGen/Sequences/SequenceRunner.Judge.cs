using System.Globalization;
using Pikumo.ImageGen.Sequences.Judging;

namespace Pikumo.ImageGen.Sequences;

/// <content>
/// A judge for every frame: each image a final call returns (every variant of a best-of-n call) is judged, the best
/// acceptable one is kept, and a frame whose every image was rejected is rolled again within its budget of calls and
/// dollars. Every image paid for stays in the folder and in the manifest's <c>candidates</c>, with its judgement.
/// </content>
public sealed partial class SequenceRunner
{
    /// <summary>Best-of-n (with each variant as a call's <c>n</c>) when the request has a judge; one image otherwise.</summary>
    private static ImageEditRequest WithVariants(SequenceRun run, ImageEditRequest request) =>
        run.Request.Judging is { Variants: > 1 } judging ? request with { Count = judging.Variants } : request;

    /// <summary>A frame whose judged rolls were stopped (a re-roll failed or was cut off) goes on from its next roll, keeping the images it has.</summary>
    private static async Task<PaidUnit> ContinueRollsAsync(SequenceRun run, PaidUnit unit, CancellationToken cancellationToken)
    {
        if (run.Request.Judging is null || await run.Journal.FindAsync(unit.Key, cancellationToken).ConfigureAwait(false) is not { Candidates: { Count: > 0 } earlier })
        {
            return unit;
        }

        var roll = earlier.Max(c => c.Roll) + 1;
        return unit with { Roll = roll, FileStem = $"{unit.FileStem}-r{roll}", Candidates = earlier };
    }

    /// <summary>Judges a final frame's images and re-rolls it while every image is rejected and the budget allows.</summary>
    private async Task<PaidOutcome> JudgeFinalAsync(SequenceRun run, PaidUnit unit, int beat, int chunk, ImageEditRequest request, IReadOnlyList<string> sent, PaidOutcome outcome, CancellationToken cancellationToken)
    {
        if (run.Request.Judging is not { } judging || outcome.State != PaidState.Made)
        {
            return outcome;
        }

        var references = request.Images.Select((image, i) => new FrameReference(i < sent.Count ? sent[i] : $"image {i + 1}", image)).ToArray();
        var pool = await PoolAsync(run, unit, outcome, cancellationToken).ConfigureAwait(false);
        var stem = unit.Roll > 1 ? unit.FileStem[..unit.FileStem.LastIndexOf("-r", StringComparison.Ordinal)] : unit.FileStem;
        var rerolls = 0;
        var last = outcome;
        while (true)
        {
            for (var i = 0; i < pool.Count; i++)
            {
                if (pool[i].Judgement is null && pool[i].Image is { } candidate)
                {
                    var context = new FrameJudgingContext
                    {
                        Image = candidate, Beat = run.Request.Beats[beat], BeatIndex = beat, Chunk = chunk, Tier = run.Tier, References = references,
                        RequestedSize = request.Size ?? ImageSize.Auto, Roll = pool[i].Record.Roll, Variant = pool[i].Record.Variant, Variants = judging.Variants,
                    };
                    pool[i] = pool[i] with { Judgement = await JudgeAsync(run, beat, chunk, context, cancellationToken).ConfigureAwait(false) };
                }
            }

            var best = pool.Where(c => c.Judgement is not null)
                .OrderByDescending(c => !c.Judgement!.IsRejected).ThenByDescending(c => c.Judgement!.Score ?? double.NegativeInfinity)
                .ThenBy(c => c.Record.Roll).ThenBy(c => c.Record.Variant).First();
            var records = pool.Select(c => c.Record with { Judgement = c.Judgement is { } j ? SequenceJudgementRecord.Of(j) : c.Record.Judgement, Kept = ReferenceEquals(c.Record, best.Record) }).ToList();
            var total = records.Sum(r => r.CostUsd ?? 0m);
            var kept = SequenceJudgementRecord.Of(best.Judgement!);
            await run.Journal.UpdateAsync(unit.Key, e => e is null ? null : e with
            {
                Status = SequenceJournal.Done, File = best.Record.File, Sha256 = best.Record.Sha256, RequestId = best.Record.RequestId ?? e.RequestId,
                Judgement = kept, Candidates = records, CostUsd = total, Error = null,
            }).ConfigureAwait(false);
            var image = best.Image ?? (await run.Journal.ReadVerifiedAsync(best.Record.File, best.Record.Sha256, cancellationToken).ConfigureAwait(false) is { } bytes ? new GeneratedImage(0, bytes) : outcome.Image);
            var result = last with
            {
                Image = image, File = best.Record.File, RequestId = best.Record.RequestId ?? last.RequestId, Candidates = records, Judgement = kept, Rerolls = rerolls,
                Judgements = [.. pool.Where(c => c.Judgement is not null).Select(c => c.Judgement! with { Kept = ReferenceEquals(c.Record, best.Record) })],
                Cost = last.Cost is { } cost ? new ImageCost(total, cost.Basis) : null,
            };
            var rolls = pool.Max(c => c.Record.Roll);
            if (!best.Judgement!.IsRejected || rolls >= 1 + judging.MaxRerolls)
            {
                return result;
            }

            var estimate = records.Where(r => r.Roll == 1).Sum(r => r.CostUsd ?? 0m) is > 0m and var first ? first : last.Cost?.Usd ?? 0m;
            if (!run.TryReserveReroll(estimate))
            {
                SequenceLog.RerollOverBudget(_logger, run.TierName, unit.Name, judging.RerollBudgetUsd ?? 0m);
                return result;
            }

            var next = unit with { Roll = rolls + 1, FileStem = $"{stem}-r{rolls + 1}", Candidates = records };
            SequenceLog.Rerolling(_logger, run.TierName, unit.Name, rolls + 1, best.Judgement.ToString());
            run.Reporter.Rerolling(unit, rolls + 1, best.Judgement);
            var billedTwice = (await run.Journal.FindAsync(unit.Key, cancellationToken).ConfigureAwait(false))?.PossiblyBilledTwice ?? 0;
            var keptEntry = await run.Journal.FindAsync(unit.Key, cancellationToken).ConfigureAwait(false);
            PaidOutcome made;
            await run.Parallel.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                made = await _calls.MakeAsync(run, next, Resolution.Call(billedTwice, repeat: false), ct => _client.EditAsync(request, ct), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                run.Parallel.Release();
            }

            run.Reporter.Settled(next, made);
            run.SettleReroll(estimate, made.State == PaidState.Made ? made.Cost?.Usd ?? estimate : made.State == PaidState.Unknown ? estimate : 0m);
            if (made.State != PaidState.Made)
            {
                // The re-roll failed (not billed), was left for the budget, or its outcome is unknown: in this run the frame
                // stays the best image it has. A failed re-roll gives the journal back its kept entry (a rerun may roll again);
                // an unknown one stays journaled as unknown (with fal's job id, and the earlier rolls as candidates), so the
                // next run fetches it or applies UnknownOutcomes instead of silently paying for it again.
                if (keptEntry is not null && made.State == PaidState.Failed)
                {
                    await run.Journal.RecordAsync(unit.Key, keptEntry with { Error = $"re-roll {rolls + 1}: {made.Error}" }).ConfigureAwait(false);
                }

                return result;
            }

            rerolls++;
            run.Reporter.Rerolled();
            last = made with { Cost = made.Cost };
            pool = [.. records.Select(r => new Candidate(r, ReferenceEquals(r.File, best.Record.File) ? image : null, r.Judgement is { } j ? j.ToJudgement(false) : null)),
                .. made.Variants.Select(v => new Candidate(new SequenceCandidateRecord
                {
                    Roll = next.Roll, Variant = v.Variant, File = v.File, Sha256 = v.Sha256, RequestId = made.RequestId, CostUsd = v.Variant == 0 ? made.Cost?.Usd : null,
                }, v.Image, null))];
        }
    }

    /// <summary>
    /// The images a frame's judging starts from: earlier rolls and what this outcome brought. A call made in this run adds its
    /// variants to the unit's earlier rolls; an outcome from the journal (reused, adopted, or a fal job fetched on resume)
    /// brings its entry's candidates, whose images not judged yet are read back from their files.
    /// </summary>
    private static async Task<List<Candidate>> PoolAsync(SequenceRun run, PaidUnit unit, PaidOutcome outcome, CancellationToken cancellationToken)
    {
        var pool = new List<Candidate>();
        if (outcome.Variants.Count > 0 && !outcome.FromManifest)
        {
            // Made in this run: the unit knows its roll and the images of the rolls before it.
            pool.AddRange(unit.Candidates.Select(r => new Candidate(r, null, r.Judgement is { } j ? j.ToJudgement(false) : null)));
            pool.AddRange(outcome.Variants.Select(v => new Candidate(new SequenceCandidateRecord
            {
                Roll = unit.Roll, Variant = v.Variant, File = v.File, Sha256 = v.Sha256, RequestId = outcome.RequestId, CostUsd = v.Variant == 0 ? outcome.Cost?.Usd : null,
            }, v.Image, null)));
            return pool;
        }

        if (outcome.Candidates.Count == 0)
        {
            // Made by a run without a judge (or before judging existed): judged now, for free.
            var sha = Internal.Sha256Hex.Of(outcome.Image!.Data.Span);
            pool.Add(new Candidate(new SequenceCandidateRecord { File = outcome.File, Sha256 = sha, RequestId = outcome.RequestId, CostUsd = outcome.Cost?.Usd }, outcome.Image, null));
            return pool;
        }

        foreach (var record in outcome.Candidates)
        {
            // Judged images keep their judgement; images a stopped run paid for but did not judge are read back and judged now.
            var image = record.File == outcome.File ? outcome.Image
                : record.Judgement is null && await run.Journal.ReadVerifiedAsync(record.File, record.Sha256, cancellationToken).ConfigureAwait(false) is { } bytes ? new GeneratedImage(0, bytes)
                : null;
            if (image is null && record.Judgement is null)
            {
                continue;
            }

            pool.Add(new Candidate(record, image, record.Judgement is { } j ? j.ToJudgement(record.Kept) : null));
        }

        return pool;
    }

    /// <summary>Asks the judge, applies the minimum score, records who judged, and reports the judgement.</summary>
    private async Task<FrameJudgement> JudgeAsync(SequenceRun run, int beat, int chunk, FrameJudgingContext context, CancellationToken cancellationToken)
    {
        var judging = run.Request.Judging!;
        var judgement = await judging.Judge.JudgeAsync(context, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"The judge '{judging.Judge.Name}' returned no judgement.");
        judgement = judgement with { Judge = judgement.Judge ?? judging.Judge.Name, Roll = context.Roll, Variant = context.Variant, Kept = false };
        if (judgement is { Verdict: FrameVerdict.Scored, Score: { } score } && judging.MinimumScore is { } minimum && score < minimum)
        {
            judgement = judgement with
            {
                Verdict = FrameVerdict.Rejected,
                Reason = string.Create(CultureInfo.InvariantCulture, $"score {score:0.###} is below the minimum {minimum:0.###}{(judgement.Reason is { } why ? $" ({why})" : string.Empty)}"),
            };
        }

        SequenceLog.Judged(_logger, run.TierName, $"beat {beat + 1}", judgement.ToString());
        run.Reporter.Judged(beat, chunk, judgement);
        return judgement;
    }

    /// <summary>
    /// Judges a panel of a preview composite (a frame) that has no judgement yet; a rejected panel is reported and recorded
    /// here, and re-rolled with its chunk's composite (<see cref="RerollRejectedPanelsAsync"/>).
    /// </summary>
    private async Task<PaidOutcome> JudgePanelAsync(SequenceRun run, int beat, int chunk, PaidOutcome outcome, ImageEditRequest request, IReadOnlyList<string> sent, ImageSize panelSize, string panel, CancellationToken cancellationToken)
    {
        if (run.Request.Judging is null || outcome is not { State: PaidState.Made, Image: { } image } || outcome.Judgements.Count > 0)
        {
            return outcome;
        }

        var context = PanelContext(run, beat, chunk, image, request, sent, panelSize, panel, roll: 1);
        var judgement = await JudgeAsync(run, beat, chunk, context, cancellationToken).ConfigureAwait(false) with { Kept = true };
        var record = SequenceJudgementRecord.Of(judgement);
        await run.Journal.UpdateAsync(run.FrameKey(beat, chunk), e => e is null ? null : e with { Judgement = record }).ConfigureAwait(false);
        return outcome with { Judgements = [judgement], Judgement = record };
    }

    /// <summary>What a judge is told about a panel of a preview composite of the given roll.</summary>
    private static FrameJudgingContext PanelContext(SequenceRun run, int beat, int chunk, GeneratedImage image, ImageEditRequest request, IReadOnlyList<string> sent, ImageSize panelSize, string panel, int roll) => new()
    {
        Image = image, Beat = run.Request.Beats[beat], BeatIndex = beat, Chunk = chunk, Tier = run.Tier,
        References = [.. request.Images.Select((input, i) => new FrameReference(i < sent.Count ? sent[i] : $"image {i + 1}", input))],
        RequestedSize = panelSize, Panel = panel, Roll = roll, Variant = 0, Variants = 1,
    };

    /// <summary>One image of a judged frame: its manifest record, its bytes when in memory, and its judgement once made.</summary>
    private sealed record Candidate(SequenceCandidateRecord Record, GeneratedImage? Image, FrameJudgement? Judgement);
}
