using System.Diagnostics;
using System.Globalization;
using OpenAI.Images;
using Pikumo.ImageGen.Benchmarks.Infrastructure;

namespace Pikumo.ImageGen.Benchmarks.Modes;

/// <summary>
/// <c>memory</c>: many edit calls in flight at once (n=1, a ~2 MB noise PNG up, a ~2 MB noise PNG down as base64
/// JSON), the loopback server holding each call for a fixed delay, for this library, the official OpenAI SDK, a plain
/// <see cref="HttpClient"/> + System.Text.Json client and the hand-written floor. Each client and concurrency runs in
/// a fresh child process of its own (so a process's peak belongs to one client): a warm-up call, then bursts of
/// concurrent calls; the child samples its working set every 5 ms and reports the peak, the allocated bytes per call
/// and the gen2 collections. A call's images are counted and dropped as it lands, as a server that stores frames would.
/// </summary>
internal static class InFlightMemoryMode
{
    private static readonly string[] Names = ["pikumo", "pikumo-dest", "sdk", "plain", "floor"];

    public static int Run(string[] args)
    {
        var concurrencies = LoadMode.Option(args, "--concurrency", "32,128").Split(',').Select(int.Parse).ToArray();
        var delay = LoadMode.Option(args, "--delay-ms", 2000);
        var rounds = LoadMode.Option(args, "--rounds", 3);
        Console.WriteLine($"In-flight memory: n=1 edits of a {Payloads.NoisePng(1024, 1024, seed: 7).Length:N0} B reference, answer {Payloads.ImagesJson(Payloads.ResponseImages(1, ImageSize.Square1024), ImageSize.Square1024).Length:N0} B of JSON; the server holds each call {delay} ms; {rounds} bursts per process; {Environment.ProcessorCount} cores, workstation non-concurrent GC.");
        Console.WriteLine();
        Console.WriteLine("| in flight | client | peak working set | peak ÷ floor's | above idle | allocated per call | gen2 GCs | burst |");
        Console.WriteLine("|--:|---|--:|--:|--:|--:|--:|--:|");
        var failed = false;
        foreach (var concurrency in concurrencies)
        {
            var rows = new Dictionary<string, string[]>();
            foreach (var name in Names)
            {
                var output = Child(name, concurrency, delay, rounds);
                if (output is null)
                {
                    failed = true;
                    continue;
                }

                rows[name] = output;
            }

            var floorPeak = rows.TryGetValue("floor", out var f) ? double.Parse(f[0], CultureInfo.InvariantCulture) : double.NaN;
            foreach (var (name, r) in rows)
            {
                var peak = double.Parse(r[0], CultureInfo.InvariantCulture);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"| {concurrency} | {Label(name)} | {peak:0.0} MB | {peak / floorPeak:0.00} | {double.Parse(r[1], CultureInfo.InvariantCulture):0.0} MB | {double.Parse(r[2], CultureInfo.InvariantCulture):0} KB | {r[3]} | {double.Parse(r[4], CultureInfo.InvariantCulture):0.00} s |"));
            }
        }

        return failed ? 1 : 0;
    }

    /// <summary>The child: one client, one concurrency; prints "peakMB idleDeltaMB allocKBPerCall gen2 burstSeconds".</summary>
    public static int RunChild(string[] args)
    {
        var (name, concurrency, delay, rounds) = (args[0], int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture));
        var reference = Payloads.NoisePng(1024, 1024, seed: 7);
        var images = Payloads.ResponseImages(1, ImageSize.Square1024);
        var expected = images[0].Length;
        var server = CannedResponseServer.Start(Payloads.ImagesJson(images, ImageSize.Square1024), delay: TimeSpan.FromMilliseconds(delay));
        using var pikumo = BenchmarkClients.Pikumo(server.BaseAddress, maxConcurrentCalls: concurrency);
        var sdk = BenchmarkClients.OpenAISdk(server.BaseAddress);
        using var plain = new PlainClient(server.BaseAddress, BenchmarkClients.ApiKey);
        using var floor = BenchmarkClients.Floor(server.BaseAddress);
        Func<Task<long>> call = name switch
        {
            "pikumo" => async () => (await pikumo.EditAsync(new ImageEditRequest(Payloads.Prompt, ImageInput.FromBytes(reference, "reference.png")) { Size = ImageSize.Square1024, Quality = ImageQuality.High })).Images.Sum(i => (long)i.Data.Length),
            "pikumo-dest" => async () => (await pikumo.EditAsync(new ImageEditRequest(Payloads.Prompt, ImageInput.FromBytes(reference, "reference.png")) { Size = ImageSize.Square1024, Quality = ImageQuality.High }, ImageDestination.ToStreams(_ => Stream.Null))).Images.Sum(i => i.Length),
            "sdk" => async () =>
            {
                using var stream = new MemoryStream(reference, writable: false);
                var result = await sdk.GenerateImageEditsAsync(stream, "reference.png", Payloads.Prompt, 1, new ImageEditOptions { Size = GeneratedImageSize.W1024xH1024, Quality = GeneratedImageQuality.High });
                return result.Value.Sum(i => (long)i.ImageBytes.ToMemory().Length);
            },
            "plain" => async () => (await plain.EditAsync(reference, BenchmarkClients.Model, Payloads.Prompt, 1, "1024x1024", "high")).Sum(i => (long)i.Length),
            _ => async () => (await floor.EditAsync(() => new MemoryStream(reference, writable: false), reference.Length, BenchmarkClients.Model, Payloads.Prompt, 1, "1024x1024", "high")).Sum(i => (long)i.Length),
        };

        if (call().GetAwaiter().GetResult() != expected)
        {
            throw new InvalidOperationException($"{name} decoded the wrong number of bytes.");
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var idle = process.WorkingSet64;
        var peak = idle;
        using var stop = new CancellationTokenSource();
        var sampler = new Thread(() =>
        {
            using var self = Process.GetCurrentProcess();
            while (!stop.IsCancellationRequested)
            {
                self.Refresh();
                peak = Math.Max(peak, self.WorkingSet64);
                Thread.Sleep(5);
            }
        }) { IsBackground = true };
        sampler.Start();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var gen2 = GC.CollectionCount(2);
        var clock = Stopwatch.StartNew();
        for (var round = 0; round < rounds; round++)
        {
            var bytes = Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(call))).GetAwaiter().GetResult();
            if (bytes.Any(b => b != expected))
            {
                throw new InvalidOperationException($"{name} decoded the wrong number of bytes.");
            }
        }

        var burst = clock.Elapsed.TotalSeconds / rounds;
        var perCall = (GC.GetTotalAllocatedBytes(precise: true) - allocated) / (double)(rounds * concurrency);
        var collections = GC.CollectionCount(2) - gen2;
        stop.Cancel();
        sampler.Join();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{peak / 1048576.0:0.0} {(peak - idle) / 1048576.0:0.0} {perCall / 1024:0} {collections} {burst:0.00}"));
        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return 0;
    }

    private static string[]? Child(string name, int concurrency, int delay, int rounds)
    {
        var self = Environment.ProcessPath!;
        var start = new ProcessStartInfo(self) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
        {
            start.ArgumentList.Add(typeof(InFlightMemoryMode).Assembly.Location);
        }

        foreach (var a in new[] { "memory-child", name, concurrency.ToString(CultureInfo.InvariantCulture), delay.ToString(CultureInfo.InvariantCulture), rounds.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(a);
        }

        using var child = Process.Start(start)!;
        var output = child.StandardOutput.ReadToEnd();
        child.WaitForExit();
        if (child.ExitCode != 0)
        {
            Console.WriteLine($"{name} at {concurrency}: exit code {child.ExitCode}");
            return null;
        }

        return output.Trim().Split(' ');
    }

    private static string Label(string name) => name switch
    {
        "pikumo" => "Pikumo.ImageGen",
        "pikumo-dest" => "Pikumo.ImageGen, save as you decode (ImageDestination)",
        "sdk" => "OpenAI SDK 2.15",
        "plain" => "HttpClient + System.Text.Json",
        _ => "Floor",
    };
}
