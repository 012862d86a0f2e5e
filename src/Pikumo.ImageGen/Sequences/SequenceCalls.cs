using Microsoft.Extensions.Logging;
using Pikumo.ImageGen.Internal;

namespace Pikumo.ImageGen.Sequences;

/// <summary>
/// Paid calls exactly once. Before a call the journal records the unit as in flight (with fal's job id as soon as the
/// submission returns); an answer reaches the journal (its SHA-256) before the file is written; then the unit is done.
/// On resume, <see cref="ResolveAsync"/> turns what an earlier run left into a reuse, an adoption of a complete
/// temporary file, a fetch of the fal job by its id, or the request's <see cref="UnknownOutcomePolicy"/>.
/// </summary>
internal sealed partial class SequenceCalls(ImageGenClient client, ILogger logger, TimeProvider timeProvider)
{
    /// <summary>Decides, from the journal alone and without a paid call, what to do with a unit.</summary>
    public async Task<Resolution> ResolveAsync(SequenceRun run, PaidUnit unit, CancellationToken cancellationToken)
    {
        var entry = await run.Journal.FindAsync(unit.Key, cancellationToken).ConfigureAwait(false);
        switch (entry?.Status)
        {
            case null:
                return Resolution.Call(0, repeat: false);
            case SequenceJournal.Done:
                return await run.Journal.ReadVerifiedAsync(entry.File, entry.Sha256, cancellationToken).ConfigureAwait(false) is { } bytes
                    ? Resolution.Reuse(PaidOutcome.FromEntry(entry, bytes, recovered: false))
                    : Resolution.Call(entry.PossiblyBilledTwice, repeat: false); // the file was removed or changed: made again on purpose
            case SequenceJournal.Failed:
                return Resolution.Call(entry.PossiblyBilledTwice, repeat: false);
            case SequenceJournal.Answered when entry.File is not null && entry.Sha256 is not null:
                var adopted = await run.Journal.ReadVerifiedAsync(entry.File, entry.Sha256, cancellationToken).ConfigureAwait(false)
                    ?? await run.Journal.AdoptTemporaryAsync(entry.File, entry.Sha256, cancellationToken).ConfigureAwait(false);
                if (adopted is not null)
                {
                    await run.Journal.RecordAsync(unit.Key, entry with { Status = SequenceJournal.Done }).ConfigureAwait(false);
                    SequenceLog.Adopted(logger, run.TierName, unit.Name, entry.File);
                    return Resolution.Reuse(PaidOutcome.FromEntry(entry, adopted, recovered: true));
                }

                break;
        }

        // In flight, unknown, or answered but lost before its file was written.
        if (entry.RequestId is null && entry.Provider == client.ProviderName && entry.CallSha256 is { } callSha256 && entry.InFlightSince is { } since
            && await FindLostSubmissionAsync(run, unit, callSha256, since, cancellationToken).ConfigureAwait(false) is { } found)
        {
            entry = entry with { RequestId = found };
        }

        if (entry.RequestId is { } id && entry.Provider == client.ProviderName && client.ProviderName == "fal")
        {
            try
            {
                var result = await client.GetResultAsync(id, cancellationToken).ConfigureAwait(false);
                SequenceLog.Fetched(logger, run.TierName, unit.Name, id);
                return Resolution.Reuse((await AnsweredAsync(run, Resumed(unit, entry), result, entry.PossiblyBilledTwice, repeat: false).ConfigureAwait(false)) with { FromManifest = true, Recovered = true });
            }
            catch (ImageGenProviderException ex) when (ex.StatusCode != System.Net.HttpStatusCode.NotFound)
            {
                // fal says the job failed: it was not billed, so it may be submitted again.
                await RecordAsync(run, unit, SequenceJournal.Failed, entry.PossiblyBilledTwice, ex.RequestId ?? id, ex.Message).ConfigureAwait(false);
                return Resolution.Call(entry.PossiblyBilledTwice, repeat: false);
            }
            catch (ImageGenException ex) when (ex is not ImageGenProviderException)
            {
                return Resolution.Hold(PaidOutcome.Unknown(entry, $"fal job {id} could not be fetched ({ex.Message}); the next run tries again"));
            }
        }

        var why = $"an earlier {entry.Provider ?? "provider"} call (request id {entry.RequestId ?? "unknown"}) may have run and been billed without giving an image";
        return run.Request.UnknownOutcomes switch
        {
            UnknownOutcomePolicy.Regenerate => Resolution.Call(entry.PossiblyBilledTwice + 1, repeat: true),
            UnknownOutcomePolicy.Stop => Resolution.Stop(PaidOutcome.Unknown(entry, why)),
            _ => Resolution.Hold(PaidOutcome.Unknown(entry, why + " (UnknownOutcomes = Skip)")),
        };
    }

    /// <summary>Makes the call, journaling ahead of it; tries again only failures that surely did not run.</summary>
    public async Task<PaidOutcome> MakeAsync(SequenceRun run, PaidUnit unit, Resolution resolution, Func<CancellationToken, Task<ImageResult>> call, CancellationToken cancellationToken)
    {
        if (run.Budget.TryReserve() is not { } reserved)
        {
            SequenceLog.LeftForBudget(logger, run.TierName, unit.Name, run.Budget.Committed, run.Request.BudgetUsd ?? 0m);
            return PaidOutcome.Left(unit.References);
        }

        if (resolution.Repeat)
        {
            SequenceLog.Regenerating(logger, run.TierName, unit.Name);
        }

        for (var attempt = 1; ; attempt++)
        {
            var since = timeProvider.GetUtcNow();
            await run.Journal.RecordAsync(unit.Key, Entry(run, unit, SequenceJournal.InFlight, resolution.BilledTwice) with { InFlightSince = since }).ConfigureAwait(false);
            SequenceLog.Step(logger, run.TierName, unit.Name, SequenceJournal.InFlight);
            var sent = false;
            string? jobId = null;
            var idWrite = Task.CompletedTask;
            try
            {
                ImageResult result;
                using (ImageCallObserver.Observe(run.Reporter.CallStarted(unit, id =>
                {
                    sent = true;
                    if (id is not null && jobId is null)
                    {
                        jobId = id;
                        idWrite = RecordJobIdAsync(run, unit, id);
                    }
                })))
                {
                    result = await call(cancellationToken).ConfigureAwait(false);
                }

                await idWrite.ConfigureAwait(false);
                run.Budget.Settle(reserved, result.Cost?.Usd ?? reserved);
                return await AnsweredAsync(run, unit, result, resolution.BilledTwice, resolution.Repeat, attempt).ConfigureAwait(false);
            }
            catch (ImageGenException ex)
            {
                await idWrite.ConfigureAwait(false);
                if (SurelyDidNotRun(ex) && attempt < run.Request.FrameAttempts)
                {
                    run.Reporter.Retrying(unit, attempt + 1, ex.GetType().Name);
                    continue;
                }

                var unknown = ex.OutcomeUnknown || ex is ImageGenProtocolException;
                if (!unknown)
                {
                    run.Budget.Settle(reserved, 0m);
                }

                SequenceLog.CallFailed(logger, run.TierName, unit.Name, unknown, ex.Message);
                await run.Journal.RecordAsync(unit.Key, Entry(run, unit, unknown ? SequenceJournal.Unknown : SequenceJournal.Failed, resolution.BilledTwice) with
                {
                    RequestId = jobId ?? ex.RequestId, Error = ex.Message, Attempts = attempt, InFlightSince = unknown ? since : null,
                }).ConfigureAwait(false);
                return new PaidOutcome(unknown ? PaidState.Unknown : PaidState.Failed) { References = unit.References, RequestId = jobId ?? ex.RequestId, Error = ex.Message, PossiblyBilledTwice = resolution.Repeat };
            }
            catch (OperationCanceledException) when (!sent)
            {
                // Never sent: surely not billed, so the next run may make it freely.
                run.Budget.Settle(reserved, 0m);
                await RecordAsync(run, unit, SequenceJournal.Failed, resolution.BilledTwice, null, "cancelled before the request was sent").ConfigureAwait(false);
                throw;
            }

            // Cancelled after the request was sent: the entry stays in flight (with fal's job id), for the next run to settle.
        }
    }

    /// <summary>
    /// A submission whose id never reached the journal (killed between the provider accepting it and the id write):
    /// looked for in the provider's request history, and journaled when found, so it is fetched, not paid again.
    /// </summary>
    private async Task<string?> FindLostSubmissionAsync(SequenceRun run, PaidUnit unit, string callSha256, DateTimeOffset since, CancellationToken cancellationToken)
    {
        string? found;
        try
        {
            found = await client.FindSubmissionAsync(unit.Operation, run.Model, callSha256, since, await run.Journal.RequestIdsAsync(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        }
        catch (ImageGenException ex)
        {
            SequenceLog.CallFailed(logger, run.TierName, unit.Name, outcomeUnknown: true, $"the provider's request history could not be searched: {ex.Message}");
            return null;
        }

        if (found is not null)
        {
            await run.Journal.UpdateAsync(unit.Key, e => e is { RequestId: null } ? e with { RequestId = found } : null).ConfigureAwait(false);
            SequenceLog.FoundLostSubmission(logger, run.TierName, unit.Name, found);
        }

        return found;
    }

    private async Task RecordJobIdAsync(SequenceRun run, PaidUnit unit, string id)
    {
        await run.Journal.UpdateAsync(unit.Key, e => e is { Status: SequenceJournal.InFlight, RequestId: null } ? e with { RequestId = id } : null).ConfigureAwait(false);
        SequenceLog.Step(logger, run.TierName, unit.Name, "job_id");
    }

    /// <summary>The answer goes to the journal (with its hash) before anything else; then the file; then done.</summary>
    private async Task<PaidOutcome> AnsweredAsync(SequenceRun run, PaidUnit unit, ImageResult result, int billedTwice, bool repeat, int? attempts = null)
    {
        var image = result.Images[0];
        var variants = Variants(unit, result);
        var entry = Entry(run, unit, SequenceJournal.Answered, billedTwice) with
        {
            File = unit.FileStem + image.FileExtension,
            Sha256 = image.Sha256 ?? Sha256Hex.Of(image.Data.Span),
            RequestId = result.RequestId,
            CostUsd = result.Cost?.Usd,
            CostEstimated = result.Cost?.Basis == ImageCostBasis.Estimate,
            Usage = result.Usage,
            ElapsedMs = result.Elapsed.TotalMilliseconds,
            Attempts = attempts,
            Candidates = Candidates(run, unit, variants, result),
        };
        await run.Journal.RecordAsync(unit.Key, entry).ConfigureAwait(false);
        SequenceLog.Step(logger, run.TierName, unit.Name, SequenceJournal.Answered);
        foreach (var variant in variants)
        {
            if (variant.Image.SavedTo is { } decoded)
            {
                File.Move(decoded, run.FullPath(variant.File), overwrite: true);   // decoded into a complete, flushed temporary file
            }
            else
            {
                await run.Journal.SaveAsync(variant.File, variant.Image).ConfigureAwait(false);
            }
        }

        SequenceLog.Step(logger, run.TierName, unit.Name, "file_written");
        await run.Journal.RecordAsync(unit.Key, entry with { Status = SequenceJournal.Done }).ConfigureAwait(false);
        SequenceLog.Step(logger, run.TierName, unit.Name, SequenceJournal.Done);
        return new PaidOutcome(PaidState.Made)
        {
            Image = image, File = entry.File, References = unit.References, RequestId = result.RequestId, Usage = result.Usage, Cost = result.Cost,
            Elapsed = result.Elapsed, PossiblyBilledTwice = repeat, Variants = variants, Candidates = entry.Candidates ?? [],
        };
    }

    private static Task RecordAsync(SequenceRun run, PaidUnit unit, string status, int billedTwice, string? requestId, string? error, int? attempts = null) =>
        run.Journal.RecordAsync(unit.Key, Entry(run, unit, status, billedTwice) with { RequestId = requestId, Error = error, Attempts = attempts });

    private static SequenceManifestEntry Entry(SequenceRun run, PaidUnit unit, string status, int billedTwice) => new()
    {
        Tier = unit.Key.Tier, Beat = unit.Key.Beat, Chunk = unit.Key.Chunk, Text = unit.Key.Text, Settings = unit.Key.Settings, Status = status,
        Provider = run.Provider, Model = run.Model, PossiblyBilledTwice = billedTwice, References = [.. unit.References],
        Candidates = unit.Candidates.Count > 0 ? [.. unit.Candidates] : null,
        CallSha256 = unit.CallSha256,
    };

    /// <summary>Failures the provider never ran: it said so (429, a 5xx error answer), or the request never left.</summary>
    internal static bool SurelyDidNotRun(ImageGenException error) => !error.OutcomeUnknown && error switch
    {
        ImageGenProviderException provider => provider.IsTransient,
        ImageGenConnectionException or ImageGenTimeoutException => true,
        _ => false,
    };
}
