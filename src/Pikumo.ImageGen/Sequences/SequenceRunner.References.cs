namespace Pikumo.ImageGen.Sequences;

/// <content>References generated from prompts when a story has no photos: paid once, journaled like frames.</content>
public sealed partial class SequenceRunner
{
    private static string ReferenceSettings(SequenceRun run) => $"{run.Request.Final.Quality}|1024x1024|{run.Request.Model}";

    private static PaidUnit ReferenceUnit(SequenceRun run, int i) => new(
        new JournalKey(JournalList.References, "reference", i, 0, run.Request.ReferencePrompts[i].Text ?? string.Empty, ReferenceSettings(run)),
        $"references/reference-{i + 1}",
        []);

    /// <summary>The photos, or references generated from the prompts (once; reused from the manifest after).</summary>
    private async Task<List<(ImageInput Image, string Label)>> ReferencesAsync(SequenceRun run, IReadOnlyDictionary<JournalKey, Resolution> resolutions, CancellationToken cancellationToken)
    {
        var notes = run.Request.Template.References;
        if (run.Request.References.Count > 0)
        {
            return [.. run.Request.References.Select((image, i) => (image, $"reference {i + 1}: {notes[i].Note}"))];
        }

        var result = new List<(ImageInput, string)>();
        for (var i = 0; i < run.Request.ReferencePrompts.Count; i++)
        {
            var unit = ReferenceUnit(run, i);
            var resolution = resolutions[unit.Key];
            var outcome = resolution.Outcome;
            if (resolution.Kind == ResolutionKind.Call)
            {
                var request = new ImageGenerateRequest(run.Request.ReferencePrompts[i]) { Model = run.Request.Model, Quality = run.Request.Final.QualityIsDefault && run.Capabilities.Qualities.Count == 0 ? (ImageQuality?)null : run.Request.Final.Quality, Size = ImageSize.Square1024 };
                outcome = await _calls.MakeAsync(run, unit with { CallSha256 = await Internal.CallFingerprint.OfAsync(_client.WirePrompt(request), [], cancellationToken).ConfigureAwait(false) }, resolution, ct => _client.GenerateAsync(request, ct), cancellationToken).ConfigureAwait(false);
            }

            run.Reporter.Settled(unit, outcome!);
            if (outcome!.Image is not { } image)
            {
                throw new InvalidOperationException($"Reference {i + 1} could not be generated, so no frame can be made: {outcome.Error}");
            }

            result.Add((ImageInput.FromBytes(image.Data), $"reference {i + 1} (generated): {notes[i].Note}"));
        }

        return result;
    }
}
