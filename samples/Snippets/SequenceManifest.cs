#region sequence-manifest
using Pikumo.ImageGen.Sequences;

SequenceRunManifest? manifest = await SequenceRunManifest.LoadAsync("out/story");
foreach (SequenceRunManifestEntry frame in manifest?.Frames ?? [])
{
    string cost = frame.Cost is { } c ? $"${c.Usd:0.000}" : "not priced";
    Console.WriteLine($"{frame.Tier} beat {frame.Beat + 1}: {frame.State}, {cost}, request {frame.RequestId}");
}

int paidButUnknown = manifest?.Frames.Count(f => f.State == SequenceEntryState.OutcomeUnknown) ?? 0;
Console.WriteLine($"{paidButUnknown} frame(s) may have been billed without an image");
#endregion
