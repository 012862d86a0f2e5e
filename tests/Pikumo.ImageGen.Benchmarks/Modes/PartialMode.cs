using System.Diagnostics;
using System.Globalization;
using Pikumo.ImageGen.Benchmarks.Infrastructure;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Benchmarks.Modes;

/// <summary>
/// <c>partial</c>: streamed edits with <c>PartialImages = 2</c> on the simulator's loopback server. Prints when each
/// event arrived (median of the runs) next to when the simulator scheduled it (latency / 3 apart), and the same
/// with no latency at all, which is the fixed cost: request, the simulator rendering and encoding, and parsing.
/// </summary>
internal static class PartialMode
{
    public static int Run(string[] args)
    {
        var runs = LoadMode.Option(args, "--runs", 15);
        Console.WriteLine($"Streaming edit, PartialImages = 2, 1024x1024 low, on the simulator's loopback server; median of {runs} runs after 2 warm-ups.");
        Console.WriteLine();
        Console.WriteLine("LatencyScale  call latency ms  scheduled ms (p0/p1/done)  measured ms (p0/p1/done)  first partial over schedule ms");
        foreach (var scale in new[] { 0.01, 0.005, 0.0 })
        {
            var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = scale, Latency = { P95OverMedian = 1 } });
            var server = simulator.StartServerAsync().GetAwaiter().GetResult();
            using var client = server.CreateClient(configure: o => o.Resilience.MaxRetryAttempts = 0);
            var reference = Payloads.NoisePng(256, 256, seed: 11);
            var samples = new List<double[]>();
            for (var i = 0; i < runs + 2; i++)
            {
                var times = Once(client, reference).GetAwaiter().GetResult();
                if (i >= 2)
                {
                    samples.Add(times);
                }
            }

            var latency = simulator.Options.Latency.SingleImage.TotalMilliseconds * scale;
            var step = latency / 3;
            var median = Enumerable.Range(0, 3).Select(k => Median(samples.Select(s => s[k]))).ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{scale,12:0.000} {latency,16:0} {$"{step:0}/{2 * step:0}/{latency:0}",26} {$"{median[0]:0.0}/{median[1]:0.0}/{median[2]:0.0}",25} {median[0] - step,31:0.0}"));
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        return 0;
    }

    private static async Task<double[]> Once(ImageGenClient client, byte[] reference)
    {
        var request = new ImageEditRequest("a red fox in fresh snow, morning light", ImageInput.FromBytes(reference, "fox.png"))
        {
            PartialImages = 2,
            Size = ImageSize.Square1024,
            Quality = ImageQuality.Low,
        };
        var times = new List<double>(3);
        var started = Stopwatch.GetTimestamp();
        await foreach (var update in client.StreamEditAsync(request))
        {
            times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return times.Count == 3 ? [.. times] : throw new InvalidOperationException($"Expected 2 partials and 1 completed image, got {times.Count} events.");
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
}
