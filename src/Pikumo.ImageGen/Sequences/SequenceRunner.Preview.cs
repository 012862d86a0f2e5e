using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Sequences;

/// <content>The preview tier: one paid storyboard composite per chunk, sliced into frames for free.</content>
public sealed partial class SequenceRunner
{
    private const string FillerBeat = "unused panel: leave it as a plain soft background with no people and no text";

    private static PaidUnit CompositeUnit(SequenceRun run, int[] beats, int chunk, IReadOnlyList<string> references) => new(
        new JournalKey(JournalList.Composites, run.TierName, -1, chunk, string.Join("\n", beats.Select(b => SequenceRun.Key(run.Request.Beats[b]))), run.Settings),
        $"preview/composite-{chunk + 1:00}",
        references);

    private async Task<IReadOnlyList<SequenceFrame>> PreviewChunkAsync(SequenceRun run, IReadOnlyDictionary<JournalKey, Resolution> resolutions, int[] beats, int chunk, IReadOnlyList<(ImageInput Image, string Label)> references, CancellationToken cancellationToken)
    {
        var scenes = beats.Select(b => run.Request.Beats[b]).ToArray();
        var labels = references.Select(r => r.Label).ToList();
        var reused = new List<(int Beat, PaidOutcome Outcome, string? Panel)>();
        foreach (var beat in beats)
        {
            var entry = await run.Journal.FindAsync(run.FrameKey(beat, chunk), cancellationToken).ConfigureAwait(false);
            if (entry is { Status: SequenceJournal.Done } && await run.Journal.ReadVerifiedAsync(entry.File, entry.Sha256, cancellationToken).ConfigureAwait(false) is { } bytes)
            {
                reused.Add((beat, PaidOutcome.FromEntry(entry, bytes, recovered: false), entry.Panel));
            }
        }

        if (reused.Count == beats.Length)
        {
            return [.. reused.Select(r => Frame(run, r.Beat, chunk, r.Outcome, r.Panel))];
        }

        var options = run.Request.Preview;
        var (rows, columns) = SequenceGrid.For(beats.Length, options.Size);
        var layout = new CompositeLayoutBuilder(rows, columns, options.Size, run.Capabilities.Sizes)
            .AddBeats(scenes.Concat(Enumerable.Repeat(new Scene(FillerBeat), (rows * columns) - beats.Length)))
            .Build();
        foreach (var warning in layout.Warnings)
        {
            Diagnostics.Log.LayoutWarning(_logger, warning);
        }

        // The union of the beats' casts when every beat names one (filler panels name nobody); otherwise everyone.
        var cast = scenes.All(s => s.Cast.Count > 0) ? scenes.SelectMany(s => s.Cast).Distinct(StringComparer.Ordinal).ToArray() : null;
        var (request, sent) = CallFor(run, references, spec => spec.WithLayout(layout), options, cast);
        labels = [.. sent];
        var unit = CompositeUnit(run, beats, chunk, labels) with { CallSha256 = await Internal.CallFingerprint.OfAsync(_client.WirePrompt(request), request.Images, cancellationToken).ConfigureAwait(false) };
        var resolution = resolutions[unit.Key];
        var outcome = resolution.Outcome;
        if (resolution.Kind == ResolutionKind.Call)
        {
            outcome = await _calls.MakeAsync(run, unit, resolution, ct => _client.EditAsync(request, ct), cancellationToken).ConfigureAwait(false);
        }

        run.Reporter.Settled(unit, outcome!);
        var missing = beats.Where(b => reused.TrueForAll(r => r.Beat != b)).ToArray();
        var frames = new List<SequenceFrame>();
        foreach (var (beat, earlier, panelName) in reused)
        {
            // A panel a stopped run cut but did not judge is judged now, for free.
            var i = Array.IndexOf(beats, beat);
            frames.Add(Frame(run, beat, chunk, await JudgePanelAsync(run, beat, chunk, earlier, request, sent, layout.PanelSize, panelName ?? layout.Panels[i].Name, cancellationToken).ConfigureAwait(false), panelName));
        }

        if (outcome!.Image is not { } composite)
        {
            return [.. frames, .. missing.Select(b => Frame(run, b, chunk, outcome))];
        }

        // The composite is paid for and journaled; its panels are cut for free (again, after a stop).
        // Every panel says it was cut from this composite (file and SHA-256) and whose consent it was made under.
        Privacy.ImageProvenance ProvenanceOf(PaidOutcome paid, int roll)
        {
            var image = paid.Image!;
            var source = Privacy.ProvenanceSource.Of(image.Data.Span, paid.File ?? $"{unit.FileStem}{(roll > 1 ? $"-r{roll}" : string.Empty)}{image.FileExtension}") with { RequestId = paid.RequestId, Model = run.Model };
            return new Privacy.ImageProvenance { Sources = [source], Consents = run.Consents ?? [], Description = $"a panel of a {rows}x{columns} storyboard" };
        }

        var panels = await _slicer!.SliceAsync(composite, layout, ProvenanceOf(outcome, 1), cancellationToken).ConfigureAwait(false);
        var share = outcome.Cost is { } cost ? new ImageCost(decimal.Round(cost.Usd / beats.Length, 6), cost.Basis) : (ImageCost?)null;
        var cutNow = new List<CutPanel>();
        foreach (var beat in missing)
        {
            var i = Array.IndexOf(beats, beat);
            var panel = panels[i];
            var file = $"preview/frame-{beat + 1:000}{panel.FileExtension}";
            await run.Journal.SaveAsync(file, panel).ConfigureAwait(false);
            var entry = new SequenceManifestEntry
            {
                Tier = run.TierName, Beat = beat, Text = SequenceRun.Key(scenes[i]), Settings = run.Settings, Chunk = chunk, File = file,
                Sha256 = Internal.Sha256Hex.Of(panel.Data.Span), RequestId = outcome.RequestId, References = labels, CostUsd = share?.Usd,
                CostEstimated = share?.Basis == ImageCostBasis.Estimate, Usage = outcome.Usage, ElapsedMs = outcome.Elapsed.TotalMilliseconds,
                Panel = layout.Panels[i].Name, Provider = run.Provider, Model = run.Model,
            };
            await run.Journal.RecordAsync(run.FrameKey(beat, chunk), entry).ConfigureAwait(false);
            var cut = outcome with { Image = panel, File = file, Cost = share };
            cutNow.Add(new CutPanel(beat, i, await JudgePanelAsync(run, beat, chunk, cut, request, sent, layout.PanelSize, layout.Panels[i].Name, cancellationToken).ConfigureAwait(false)));
        }

        cutNow = await RerollRejectedPanelsAsync(run, unit, outcome, cutNow, layout, request, sent, ProvenanceOf, chunk, cancellationToken).ConfigureAwait(false);
        return [.. frames, .. cutNow.Select(c => Frame(run, c.Beat, chunk, c.Outcome, layout.Panels[c.Index].Name))];
    }
}
