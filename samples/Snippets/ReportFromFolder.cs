#region report-from-folder
using Pikumo.ImageGen.Reporting;

// Later, from the folder alone (also after a run that was stopped and resumed):
SequenceReport again = await SequenceReport.LoadAsync("out/story");
Console.WriteLine($"{again.Frames.Count} frames, final tier actual: {again.ActualFor("final")}");
await again.WriteAsync();
#endregion
