using Pikumo.ImageGen.Samples;

// dotnet run --project samples/Pikumo.ImageGen.Samples -- [storyboard|quickstart|modes|sequence|streaming|providers|telemetry|privacy|cluster|all] [cluster --blobs] [--offline] [--out DIR] [--yes] [modes --report FILE [--providers openai,fal] [--models a,b]]
var sample = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "storyboard";
var outIndex = Array.IndexOf(args, "--out");
var context = new SampleContext
{
    ForceOffline = args.Contains("--offline"),
    OutputDirectory = outIndex >= 0 && outIndex + 1 < args.Length ? Path.GetFullPath(args[outIndex + 1]) : Path.Combine(Environment.CurrentDirectory, "out"),
};
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

return await SampleRunner.RunAsync(sample, context, args, cancel.Token);
