using System.Diagnostics;
using System.Globalization;
using OpenAI.Images;
using Pikumo.ImageGen.Benchmarks.Infrastructure;

namespace Pikumo.ImageGen.Benchmarks.Modes;

/// <summary>
/// <c>interleaved N SIZE [socket|16KB] [--calls 100]</c>: the three edit clients call by call in turn against one
/// loopback server, so a shared machine's changing load hits all three alike (BenchmarkDotNet runs them minutes
/// apart, in separate processes). Prints median, p10 and p90 per client and the ratios of the medians.
/// </summary>
internal static class InterleavedMode
{
    public static int Run(string[] args)
    {
        if (args.Length < 2)
        {
            Console.Error.WriteLine("usage: interleaved N SIZE [socket|16KB] [--calls 100]   e.g. interleaved 4 1536x1024 16KB");
            return 2;
        }

        var n = int.Parse(args[0], CultureInfo.InvariantCulture);
        var sizeText = args[1];
        var size = BenchmarkClients.ParseSize(sizeText);
        var recordSized = args.Length > 2 && args[2] == "16KB";
        var calls = LoadMode.Option(args, "--calls", 100);
        var server = CannedResponseServer.Start(Payloads.ImagesJson(Payloads.ResponseImages(n, size), size));
        var reference = Payloads.NoisePng(1024, 1024, seed: 7);
        using var pikumo = BenchmarkClients.Pikumo(server.BaseAddress, recordSizedReads: recordSized);
        var sdk = BenchmarkClients.OpenAISdk(server.BaseAddress, recordSized);
        using var floor = BenchmarkClients.Floor(server.BaseAddress, recordSized);
        var clients = new (string Name, Func<Task> Call, List<double> Times)[]
        {
            ("Pikumo.ImageGen", () => pikumo.EditAsync(new ImageEditRequest(Payloads.Prompt, ImageInput.FromBytes(reference, "reference.png")) { Count = n, Size = size, Quality = ImageQuality.High }), []),
            ("OpenAI SDK 2.15", async () =>
            {
                using var stream = new MemoryStream(reference, writable: false);
                await sdk.GenerateImageEditsAsync(stream, "reference.png", Payloads.Prompt, n, new ImageEditOptions { Size = BenchmarkClients.SdkSize(sizeText), Quality = GeneratedImageQuality.High });
            }, []),
            ("Floor", () => floor.EditAsync(() => new MemoryStream(reference, writable: false), reference.Length, BenchmarkClients.Model, Payloads.Prompt, n, sizeText, "high"), []),
        };

        for (var i = 0; i < 10; i++)
        {
            foreach (var client in clients)
            {
                client.Call().GetAwaiter().GetResult();
            }
        }

        for (var i = 0; i < calls; i++)
        {
            foreach (var client in clients)
            {
                var started = Stopwatch.GetTimestamp();
                client.Call().GetAwaiter().GetResult();
                client.Times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"edit n={n} {sizeText}, {(recordSized ? "16 KB reads" : "socket reads")}, {calls} calls each, interleaved"));
        Console.WriteLine("client            median ms   p10 ms   p90 ms   median / floor");
        var floorMedian = Percentile(clients[2].Times, 0.5);
        foreach (var (name, _, times) in clients)
        {
            var median = Percentile(times, 0.5);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{name,-16} {median,10:0.00} {Percentile(times, 0.1),8:0.00} {Percentile(times, 0.9),8:0.00} {median / floorMedian,16:0.00}"));
        }

        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return 0;
    }

    private static double Percentile(List<double> values, double p) => LoadMode.Percentile([.. values.Order()], p);
}
