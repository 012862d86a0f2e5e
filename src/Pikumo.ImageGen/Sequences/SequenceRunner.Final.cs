using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Sequences;

/// <content>The final tier: one paid call per frame, a chunk's frames in parallel.</content>
public sealed partial class SequenceRunner
{
    private async Task<IReadOnlyList<SequenceFrame>> FinalFrameAsync(SequenceRun run, IReadOnlyDictionary<JournalKey, Resolution> resolutions, int beat, int chunk, IReadOnlyList<(ImageInput Image, string Label)> references, CancellationToken cancellationToken)
    {
        var scene = run.Request.Beats[beat];
        var (request, sent) = CallFor(run, references, spec => spec.WithScene(scene), run.Request.Final);
        request = WithVariants(run, request);
        var unit = new PaidUnit(run.FrameKey(beat, chunk), $"final/frame-{beat + 1:000}", sent) { CallSha256 = await Internal.CallFingerprint.OfAsync(_client.WirePrompt(request), request.Images, cancellationToken).ConfigureAwait(false) };
        var resolution = resolutions[unit.Key];
        PaidOutcome outcome;
        if (resolution.Kind == ResolutionKind.Call)
        {
            unit = await ContinueRollsAsync(run, unit, cancellationToken).ConfigureAwait(false);
            await run.Parallel.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                outcome = await _calls.MakeAsync(run, unit, resolution, ct => _client.EditAsync(request, ct), cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                run.Parallel.Release();
            }
        }
        else
        {
            outcome = resolution.Outcome!;
        }

        run.Reporter.Settled(unit, outcome);
        outcome = await JudgeFinalAsync(run, unit, beat, chunk, request, sent, outcome, cancellationToken).ConfigureAwait(false);
        return [Frame(run, beat, chunk, outcome)];
    }

    /// <summary>A frame from its unit's outcome (for the preview tier, the composite's, without the image).</summary>
    private SequenceFrame Frame(SequenceRun run, int beat, int chunk, PaidOutcome outcome, string? panel = null)
    {
        var status = outcome.State switch
        {
            PaidState.Made => outcome.Rejected ? SequenceFrameStatus.Rejected : SequenceFrameStatus.Done,
            PaidState.Unknown => SequenceFrameStatus.OutcomeUnknown,
            PaidState.LeftForBudget => SequenceFrameStatus.LeftForBudget,
            _ => SequenceFrameStatus.Failed,
        };
        if (status is SequenceFrameStatus.Failed or SequenceFrameStatus.OutcomeUnknown)
        {
            SequenceLog.Held(_logger, run.TierName, $"beat {beat + 1}", outcome.Error ?? status.ToString());
        }

        return new SequenceFrame
        {
            Tier = run.Tier, BeatIndex = beat, Beat = run.Request.Beats[beat], Chunk = chunk, Status = status, Image = outcome.Image,
            FilePath = outcome.File is { } file ? run.FullPath(file) : null, References = outcome.References, RequestId = outcome.RequestId,
            Usage = outcome.Usage, Cost = outcome.Cost, Elapsed = outcome.Elapsed, Panel = panel, FromManifest = outcome.FromManifest,
            PossiblyBilledTwice = outcome.PossiblyBilledTwice, Error = outcome.Error,
            Judgements = outcome.Judgements, Rerolls = outcome.Rerolls, ContinuedFrom = chunk == 0 ? run.Request.ContinueFrom?.Source : null,
        };
    }

    /// <summary>
    /// One call of a chunk: the template, a continuity reference when the chunk carries the previous chunk's last frame,
    /// the scene or layout, and the tier's settings. Only the beat's cast goes up (<see cref="PromptSpec.ForCast()"/>:
    /// everyone when the beat names no cast), so the request and the labels of what was sent come back together.
    /// </summary>
    private static (ImageEditRequest Request, IReadOnlyList<string> Sent) CallFor(SequenceRun run, IReadOnlyList<(ImageInput Image, string Label)> references, Func<PromptSpecBuilder, PromptSpecBuilder> content, SequenceTierOptions tier, IEnumerable<string>? cast = null)
    {
        var builder = run.Request.Template.ToBuilder();
        if (references.Count > run.References.Count)
        {
            builder.AddContinuityReference(run.ContinuityNote(references));
        }

        var spec = content(builder).Build();
        var selection = cast is null ? spec.ForCast() : spec.ForCast(cast);
        var sent = selection.SelectImages(references);
        return (selection.Spec.ToEditRequest([.. sent.Select(r => r.Image)]) with
        {
            Model = run.Request.Model,
            Quality = tier.Quality,
            Size = tier.Size,
            InputFidelity = tier.InputFidelity,
            InputFidelityIsDefault = tier.InputFidelityIsDefault,
            OutputFormat = tier.OutputFormat,
        }, [.. sent.Select(r => r.Label)]);
    }
}
