using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using Pikumo.ImageGen.Benchmarks.Infrastructure;
using Pikumo.ImageGen.Tests.Infrastructure;
using Pikumo.ImageGen.Imaging;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Benchmarks.Modes;

/// <summary>
/// <c>sequence</c>: runs 24- and 40-beat sequences (final and preview tiers) on the simulator's latency model, on a
/// fake clock, and prints the planner's wall clock, the chaining bound (from the latencies the simulator gave the calls)
/// and the simulated wall clock side by side.
/// </summary>
internal static partial class SequenceMode
{
    private static readonly TimeSpan Step = TimeSpan.FromMilliseconds(100);

    public static int Run(string[] args)
    {
        var beatCounts = args.Length > 0 ? args.Select(a => int.Parse(a, CultureInfo.InvariantCulture)).ToArray() : [24, 40];
        Console.WriteLine($"Sequence scheduling on the simulator's latency model (LatencyScale = 1) and a fake clock stepped by {Step.TotalMilliseconds:0} ms");
        Console.WriteLine("after the process goes quiet; chunk size 8, MaxParallelFrames 8, client MaxConcurrentCalls 8.");
        Console.WriteLine();
        Console.WriteLine("tier     beats chunks  planned s  bound s  simulated s  sim/bound  max in flight  calls  real s");
        // Warm-up (JIT, SkiaSharp's native library, the simulator's fonts): two beats per tier, not reported.
        RunOne(2, SequenceTier.Final);
        RunOne(2, SequenceTier.Preview);
        var failures = 0;
        foreach (var beats in beatCounts)
        {
            foreach (var tier in new[] { SequenceTier.Final, SequenceTier.Preview })
            {
                var row = RunOne(beats, tier);
                var ratio = row.Simulated / row.Bound;
                var within = ratio >= 1 - 1e-9 && ratio <= 1.05;
                failures += within ? 0 : 1;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{(tier == SequenceTier.Final ? "final" : "preview"),-8} {beats,5} {row.Chunks,6} {row.Planned,10:0.0} {row.Bound,8:0.0} {row.Simulated,12:0.0} {ratio,9:0.000}{(within ? " " : "!")} {row.MaxInFlight,13} {row.Calls,6} {row.Real,7:0.0}"));
            }
        }

        Console.WriteLine();
        Console.WriteLine(failures == 0 ? "All runs within 5 % of the bound." : $"{failures} run(s) outside [bound, bound x 1.05] (marked !).");
        return failures == 0 ? 0 : 1;
    }

    private static (int Chunks, double Planned, double Bound, double Simulated, int MaxInFlight, int Calls, double Real) RunOne(int beats, SequenceTier tier)
    {
        var time = new FakeTimeProvider();
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 1, Latency = { P95OverMedian = 1 } }, time);
        var counting = new ConcurrencyCountingHandler(simulator.CreateHandler());
        var options = simulator.CreateOptions();
        using var http = ImageGenClient.CreateHttpClient(options, counting, time);
        using var client = new ImageGenClient(options, http, timeProvider: time);
        var runner = new SequenceRunner(client, tier == SequenceTier.Preview ? new SkiaCompositeSlicer() : null, timeProvider: time);
        var request = BenchmarkStory.Create(beats);
        // Frames go to tmpfs where there is one: the runner fsyncs every frame, and a thread blocked on a disk looks
        // like a quiet process, so the fake clock would run on while it waits.
        var folder = Directory.Exists("/dev/shm")
            ? Directory.CreateDirectory(Path.Combine("/dev/shm", $"pikumo-bench-sequence-{Guid.NewGuid():N}")).FullName
            : Directory.CreateTempSubdirectory("pikumo-bench-sequence").FullName;
        try
        {
            var plan = runner.Plan(request);
            var chunks = SequenceChunks.Split(beats, request.ChunkSize);
            var clock = new QuietClock(time, Step);
            var started = time.GetUtcNow();
            var real = Stopwatch.StartNew();
            var result = clock.Run(Task.Run(() => runner.RunToEndAsync(request, tier, new SequenceRunOptions { OutputDirectory = folder })));
            var simulated = (time.GetUtcNow() - started).TotalSeconds;
            if (result.Frames.Count(f => f.Status == SequenceFrameStatus.Done) != beats)
            {
                throw new InvalidOperationException($"{tier} {beats}: only {result.Frames.Count(f => f.Status == SequenceFrameStatus.Done)} frames done.");
            }

            if (Environment.GetEnvironmentVariable("PIKUMO_BENCH_DEBUG") == "1")
            {
                Console.WriteLine($"  steps {clock.Steps}, forced {clock.ForcedSteps}");
                foreach (var call in simulator.Recorder.ImageCalls)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  call at {(call.ReceivedAt - started).TotalSeconds:0.0} s, latency {call.SimulatedLatency?.TotalSeconds:0.0} s"));
                }
            }

            // The chaining bound, from the latencies the simulator gave the calls: chunks run one after another, each
            // no sooner than its slowest call (the final tier's calls of a chunk run at once; a preview chunk is one call).
            var calls = simulator.Recorder.ImageCalls;
            var bound = tier == SequenceTier.Final
                ? chunks.Sum(c => calls.Where(call => BeatOf(call) is { } b && b >= c.Start && b < c.Start + c.Count).Max(call => call.SimulatedLatency!.Value.TotalSeconds))
                : calls.Sum(call => call.SimulatedLatency!.Value.TotalSeconds);
            var planned = (tier == SequenceTier.Final ? plan.Final : plan.Preview).WallClock.TotalSeconds;
            return (chunks.Count, planned, bound, simulated, counting.MaxInFlight, simulator.Recorder.ImageCalls.Count, real.Elapsed.TotalSeconds);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The 0-based beat a final-tier call renders, from its prompt's scene ("beat number 7").</summary>
    private static int? BeatOf(RecordedRequest call) =>
        BeatNumber().Match(call.Prompt ?? string.Empty) is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) - 1 : null;

    [System.Text.RegularExpressions.GeneratedRegex(@"beat number (\d+)\b")]
    private static partial System.Text.RegularExpressions.Regex BeatNumber();

}
