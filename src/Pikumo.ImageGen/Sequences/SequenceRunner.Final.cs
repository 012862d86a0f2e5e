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

            // The run's schedule keeps at most MaxParallelFrames calls of a chunk in flight (SequenceSchedule).
            outcome = await _calls.MakeAsync(run, unit, resolution, ct => Streams(run) ? StreamFrameAsync(run, beat, chunk, request, ct)
                : DecodesToFile(run, request) ? _client.EditAsync(request, DecodeTarget(run, unit, request), ct)
                : _client.EditAsync(request, ct), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            outcome = resolution.Outcome!;
        }

        run.Reporter.Settled(unit, outcome);
        outcome = await JudgeFinalAsync(run, unit, beat, chunk, request, sent, outcome, cancellationToken).ConfigureAwait(false);
        return [Frame(run, beat, chunk, outcome)];
    }

    /// <summary>
    /// Where a frame is decoded to (<see cref="SequenceRunOptions.WriteFramesAsDecoded"/>): a temporary file beside the
    /// frame, named as the journal's adoption looks for (<c>.{file}.{guid}.tmp</c>); the journal records its hash, then
    /// it is renamed into place (<see cref="SequenceCalls"/>).
    /// </summary>
    private static ImageDestination DecodeTarget(SequenceRun run, PaidUnit unit, ImageEditRequest request)
    {
        var stem = run.FullPath(unit.FileStem);
        var guess = (request.OutputFormat ?? ImageFormat.Png).FileExtension;
        return ImageDestination.ToFiles(Path.Combine(Path.GetDirectoryName(stem)!, $".{Path.GetFileName(stem)}{guess}.{Guid.NewGuid():N}.tmp"));
    }

    /// <summary>Whether a frame is decoded straight to its file: asked for, one image per call, and no judge that reads the images.</summary>
    private static bool DecodesToFile(SequenceRun run, ImageEditRequest request) =>
        run.Options.WriteFramesAsDecoded && request.Count == 1 && run.Request.Judging is null;

    /// <summary>Whether final frames are made with streaming calls (<see cref="SequenceRequest.PartialImages"/> where the model streams).</summary>
    private static bool Streams(SequenceRun run) => run.Request.PartialImages > 0 && run.Capabilities.SupportsStreaming;

    /// <summary>One frame by a streaming call: each partial image goes to the progress as it arrives; the completed image is the result.</summary>
    private async Task<ImageResult> StreamFrameAsync(SequenceRun run, int beat, int chunk, ImageEditRequest request, CancellationToken cancellationToken)
    {
        ImageStreamUpdate? completed = null;
        await foreach (var update in _client.StreamEditAsync(request with { PartialImages = run.Request.PartialImages }, cancellationToken).ConfigureAwait(false))
        {
            if (update.Kind == ImageStreamUpdateKind.Partial)
            {
                run.Reporter.Partial(beat, chunk, update);
            }
            else
            {
                completed ??= update;
            }
        }

        return completed is null
            ? throw new ImageGenProtocolException($"{_client.ProviderName}: the stream ended without a completed image.", _client.ProviderName, null)
            : new ImageResult
            {
                Images = [completed.Image], Usage = completed.Usage, Cost = completed.Cost, Elapsed = completed.Elapsed, RequestId = completed.RequestId,
                Provider = _client.ProviderName, Model = run.Model,
            };
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
            Quality = tier.QualityIsDefault && run.Capabilities.Qualities.Count == 0 ? (ImageQuality?)null : tier.Quality,
            Size = tier.Size,
            InputFidelity = tier.InputFidelity,
            InputFidelityIsDefault = tier.InputFidelityIsDefault,
            OutputFormat = tier.OutputFormat,
        }, [.. sent.Select(r => r.Label)]);
    }
}
