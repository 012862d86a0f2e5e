using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Pikumo.ImageGen.Benchmarks.Infrastructure;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Benchmarks.Modes;

/// <summary>
/// <c>sequence-partials</c>: first pixels inside sequences. A final-tier story on the simulator's loopback server in
/// real time, its frames streamed with <see cref="SequenceRequest.PartialImages"/> = 1, runs in turn with the same
/// story made by plain calls. For every frame it prints when its first partial reached the progress against when
/// the simulator scheduled that event (the call's arrival at the server + its latency ÷ 2, both on the system
/// clock), and the wall clock of each run, streamed against plain.
/// </summary>
internal static partial class SequencePartialsMode
{
    public static int Run(string[] args)
    {
        var beats = LoadMode.Option(args, "--beats", 16);
        var rounds = LoadMode.Option(args, "--rounds", 3);
        var scale = double.Parse(LoadMode.Option(args, "--scale", "0.02"), CultureInfo.InvariantCulture);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"First pixels inside sequences: {beats} beats, final tier (low, 1024x1024), chunks of 8, MaxParallelFrames 8, client limit 8, PartialImages = 1; simulator LatencyScale {scale} without variation; {rounds} rounds of streamed then plain after a warm-up of each; {Environment.ProcessorCount} cores, load average {LoadAverage()}."));
        Console.WriteLine();
        Once(2, scale, partials: true);
        Once(2, scale, partials: false);
        var overs = new List<double>();
        var streamed = new List<double>();
        var plain = new List<double>();
        for (var round = 0; round < rounds; round++)
        {
            var run = Once(beats, scale, partials: true);
            overs.AddRange(run.OverSchedule);
            streamed.Add(run.WallClock);
            plain.Add(Once(beats, scale, partials: false).WallClock);
        }

        overs.Sort();
        Console.WriteLine("| frames | first partial over the simulator's first event: median / p95 / max | streamed run (median) | plain run (median) | streamed ÷ plain |");
        Console.WriteLine("|--:|---|--:|--:|--:|");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| {overs.Count} | {Percentile(overs, 0.5):0.0} / {Percentile(overs, 0.95):0.0} / {overs[^1]:0.0} ms | {Median(streamed):0.000} s | {Median(plain):0.000} s | {Median(streamed) / Median(plain):0.000} |"));
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"streamed runs: {string.Join(", ", streamed.Select(s => s.ToString("0.000", CultureInfo.InvariantCulture)))} s; plain runs: {string.Join(", ", plain.Select(s => s.ToString("0.000", CultureInfo.InvariantCulture)))} s; load average {LoadAverage()}"));
        return 0;
    }

    private static (List<double> OverSchedule, double WallClock) Once(int beats, double scale, bool partials)
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = scale, Latency = { P95OverMedian = 1 } });
        var server = simulator.StartServerAsync().GetAwaiter().GetResult();
        var folder = Directory.CreateTempSubdirectory("pikumo-bench-partials").FullName;
        try
        {
            using var client = server.CreateClient(configure: o => o.Resilience.MaxRetryAttempts = 0);
            var firstPartial = new Dictionary<int, DateTimeOffset>();
            var progress = new Recorder(p =>
            {
                if (p is { Kind: SequenceProgressKind.PartialImage, Partial: { PartialImageIndex: 0 } partial })
                {
                    lock (firstPartial)
                    {
                        firstPartial.TryAdd(partial.BeatIndex, DateTimeOffset.UtcNow);
                    }
                }
            });
            var request = BenchmarkStory.Create(beats) with { PartialImages = partials ? 1 : 0 };
            var clock = Stopwatch.StartNew();
            var result = new SequenceRunner(client).RunToEndAsync(request, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder, Progress = progress }).GetAwaiter().GetResult();
            var wall = clock.Elapsed.TotalSeconds;
            if (result.Frames.Count(f => f.Status == SequenceFrameStatus.Done) != beats)
            {
                throw new InvalidOperationException($"Only {result.Frames.Count(f => f.Status == SequenceFrameStatus.Done)} of {beats} frames done.");
            }

            var overs = new List<double>();
            if (partials)
            {
                foreach (var call in simulator.Recorder.ImageCalls)
                {
                    var beat = int.Parse(BeatNumber().Match(call.Prompt!).Groups[1].Value, CultureInfo.InvariantCulture) - 1;
                    var scheduled = call.ReceivedAt + (call.SimulatedLatency!.Value / 2);
                    overs.Add((firstPartial[beat] - scheduled).TotalMilliseconds);
                }
            }

            return (overs, wall);
        }
        finally
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static double Median(List<double> values) => Percentile([.. values.Order()], 0.5);

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];

    private static string LoadAverage() => File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "n/a";

    [GeneratedRegex(@"beat number (\d+)\b")]
    private static partial Regex BeatNumber();

    /// <summary>Called on the reporting thread as each report is made (Progress&lt;T&gt; would post it later).</summary>
    private sealed class Recorder(Action<SequenceProgress> report) : IProgress<SequenceProgress>
    {
        public void Report(SequenceProgress value) => report(value);
    }
}
