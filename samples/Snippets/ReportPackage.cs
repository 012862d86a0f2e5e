#region reporting-package
using Pikumo.ImageGen.Reporting;

// A run folder a sequence run wrote (its manifest.json): the page goes beside it as report.html.
SequenceReport report = await SequenceReport.LoadAsync("out/story");
string page = await report.WriteAsync();
Console.WriteLine($"{report.Frames.Count} frames: {page}");
#endregion
