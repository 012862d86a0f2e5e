using Pikumo.ImageGen.Sequences;

namespace Pikumo.ImageGen.Samples.Snippets;

/// <summary>The code docs/sequences.md shows about reading a run's manifest; compiled here, quoted there (checked by a test). Not run.</summary>
internal static class ManifestSnippets
{
    public static async Task ReadAsync(string folder, CancellationToken cancellationToken)
    {
        #region sequence-manifest
        SequenceRunManifest? manifest = await SequenceRunManifest.LoadAsync(folder, cancellationToken);
        foreach (SequenceRunManifestEntry frame in manifest?.Frames ?? [])
        {
            string cost = frame.Cost is { } c ? $"${c.Usd:0.000}" : "not priced";
            Console.WriteLine($"{frame.Tier} beat {frame.Beat + 1}: {frame.State}, {cost}, request {frame.RequestId}");
        }

        int paidButUnknown = manifest?.Frames.Count(f => f.State == SequenceEntryState.OutcomeUnknown) ?? 0;
        #endregion
        Console.WriteLine($"{paidButUnknown} frame(s) may have been billed without an image");
    }
}
