#region report-from-folder
using Pikumo.ImageGen.Reporting;
using Pikumo.ImageGen.Sequences;

// Later, from the folder alone (also after a run that was stopped and resumed):
SequenceReport again = await SequenceReport.LoadAsync("out/story");
Console.WriteLine($"{again.Frames.Count} frames, final tier actual: {again.ActualFor(SequenceTier.Final)}");
await again.WriteAsync();
#endregion
