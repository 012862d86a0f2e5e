using System.Diagnostics;
using System.Globalization;
using Pikumo.ImageGen.Benchmarks.Infrastructure;

namespace Pikumo.ImageGen.Benchmarks.Modes;

/// <summary>
/// <c>load</c>: 256 concurrent edit calls with small images against the loopback server, which holds each request
/// for a fixed delay (a stand-in for the provider's processing time). Reports requests/s, latency and the client
/// overhead (latency minus that delay) at p50/p99, and whether the thread pool starved: how many threads it grew
/// to, and how late a work item queued every 10 ms started running (sync-over-async shows up as both climbing).
/// CPU and allocations per call are the whole process's (client and server) divided by the calls.
/// </summary>
internal static class LoadMode
{
    public static int Run(string[] args)
    {
        var concurrency = Option(args, "--concurrency", 256);
        var seconds = Option(args, "--seconds", 10);
        var warmup = Option(args, "--warmup-seconds", 3);
        var delay = TimeSpan.FromMilliseconds(Option(args, "--delay-ms", 100));
        var clients = args.Contains("--floor-first") ? new[] { "floor", "pikumo" } : args.Contains("--floor") ? ["pikumo", "floor"] : ["pikumo"];
        var reference = Payloads.NoisePng(64, 64, seed: 21);
        var answer = Payloads.ImagesJson([Payloads.NoisePng(64, 64, seed: 22)], ImageSize.Square1024, "low");
        var server = CannedResponseServer.Start(answer, delay: delay);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Load: {concurrency} concurrent edit calls for {seconds} s (after {warmup} s of warm-up) on loopback; the server holds each request {delay.TotalMilliseconds:0} ms; reference {reference.Length:N0} B, answer {answer.Length:N0} B."));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{Environment.ProcessorCount} cores; thread pool min threads {MinThreads()}; ideal throughput {concurrency / delay.TotalSeconds:0} req/s."));
        Console.WriteLine();
        Console.WriteLine("client    calls  errors   req/s  lat p50 ms  lat p99 ms  lat max ms  overhead p50 ms  overhead p99 ms  CPU us/call  alloc KB/call  gen2 GCs  pool threads start/max/end  queue lag p99/max ms");
        var failed = false;
        foreach (var name in clients)
        {
            using var pikumo = BenchmarkClients.Pikumo(server.BaseAddress, maxConcurrentCalls: Math.Min(concurrency, 256));
            using var floor = BenchmarkClients.Floor(server.BaseAddress);
            Func<Task> call = name == "pikumo"
                ? async () => await pikumo.EditAsync(new ImageEditRequest(Payloads.Prompt, ImageInput.FromBytes(reference, "reference.png")) { Size = ImageSize.Square1024, Quality = ImageQuality.Low })
                : async () => await floor.EditAsync(() => new MemoryStream(reference, writable: false), reference.Length, BenchmarkClients.Model, Payloads.Prompt, 1, "1024x1024", "low");

            // Warm-up under the same load: open the connections and let tiered compilation finish the hot path
            // (the first seconds run partly unoptimised code, whichever client goes first).
            Measure(call, concurrency, TimeSpan.FromSeconds(warmup), delay);
            var row = Measure(call, concurrency, TimeSpan.FromSeconds(seconds), delay);
            failed |= row.Errors > 0;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-8} {row.Calls,6} {row.Errors,7} {row.PerSecond,7:0} {row.P50,11:0.0} {row.P99,11:0.0} {row.Max,11:0.0} {row.P50 - delay.TotalMilliseconds,16:0.0} {row.P99 - delay.TotalMilliseconds,16:0.0} {row.CpuMicroseconds,12:0} {row.AllocatedKB,14:0.0} {row.Gen2,9} {$"{row.ThreadsStart}/{row.ThreadsMax}/{row.ThreadsEnd}",28} {$"{row.LagP99:0.0}/{row.LagMax:0.0}",21}"));
        }

        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return failed ? 1 : 0;
    }

    private static (int Calls, int Errors, double PerSecond, double P50, double P99, double Max, double CpuMicroseconds, double AllocatedKB, int Gen2, int ThreadsStart, int ThreadsMax, int ThreadsEnd, double LagP99, double LagMax) Measure(Func<Task> call, int concurrency, TimeSpan duration, TimeSpan delay)
    {
        var threadsStart = ThreadPool.ThreadCount;
        var threadsMax = threadsStart;
        var lags = new List<double>();
        using var stop = new CancellationTokenSource();
        var heartbeat = new Thread(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var queued = Stopwatch.GetTimestamp();
                ThreadPool.UnsafeQueueUserWorkItem(_ =>
                {
                    var lag = Stopwatch.GetElapsedTime(queued).TotalMilliseconds;
                    lock (lags)
                    {
                        lags.Add(lag);
                    }
                }, null);
                threadsMax = Math.Max(threadsMax, ThreadPool.ThreadCount);
                Thread.Sleep(10);
            }
        }) { IsBackground = true, Name = "heartbeat" };

        var errors = 0;
        var cpu = Environment.CpuUsage.TotalTime;
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var gen2 = GC.CollectionCount(2);
        var perWorker = new List<double>[concurrency];
        var started = Stopwatch.GetTimestamp();
        heartbeat.Start();
        var workers = Enumerable.Range(0, concurrency).Select(w => Task.Run(async () =>
        {
            var latencies = perWorker[w] = new List<double>(256);
            while (Stopwatch.GetElapsedTime(started) < duration)
            {
                var t0 = Stopwatch.GetTimestamp();
                try
                {
                    await call();
                    latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
                }
                catch (Exception ex) when (ex is ImageGenException or HttpRequestException or IOException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        })).ToArray();
        Task.WaitAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpuUsed = Environment.CpuUsage.TotalTime - cpu;
        var bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        gen2 = GC.CollectionCount(2) - gen2;
        stop.Cancel();
        heartbeat.Join();
        var all = perWorker.SelectMany(l => l).Order().ToArray();
        double[] lagSorted;
        lock (lags)
        {
            lagSorted = [.. lags.Order()];
        }

        var calls = Math.Max(1, all.Length);
        return (all.Length, errors, all.Length / elapsed, Percentile(all, 0.50), Percentile(all, 0.99), all.Length == 0 ? 0 : all[^1],
            cpuUsed.TotalMicroseconds / calls, bytes / 1024.0 / calls, gen2, threadsStart, threadsMax, ThreadPool.ThreadCount, Percentile(lagSorted, 0.99), lagSorted.Length == 0 ? 0 : lagSorted[^1]);
    }

    internal static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static int MinThreads()
    {
        ThreadPool.GetMinThreads(out var worker, out _);
        return worker;
    }

    internal static int Option(string[] args, string name, int fallback) =>
        int.Parse(Option(args, name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

    /// <summary>The value after <paramref name="name"/> in the arguments, or the fallback.</summary>
    internal static string Option(string[] args, string name, string fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
    }
}
