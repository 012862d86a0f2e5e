using System.Diagnostics;
using System.Globalization;
using OpenAI.Images;
using Pikumo.ImageGen.Benchmarks.Infrastructure;

namespace Pikumo.ImageGen.Benchmarks.Modes;

/// <summary>
/// <c>interleaved N SIZE [socket|16KB] [--calls 100]</c>: the edit clients (this library holding the images and
/// writing them to a destination as it decodes, the official SDK, a plain <see cref="HttpClient"/> + System.Text.Json
/// client and the floor) call by call in turn against one loopback server, so a shared machine's changing load hits
/// all alike (BenchmarkDotNet runs them minutes apart, in separate processes). Prints median, p10 and p90 per client,
/// the ratios of the medians to the floor's and the SDK's, and the bytes each call allocated (process-wide, the calls
/// run one at a time).
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
        using var plain = new PlainClient(server.BaseAddress, BenchmarkClients.ApiKey);
        var clients = new (string Name, Func<Task> Call, List<double> Times, List<long> Allocated)[]
        {
            ("Pikumo.ImageGen", () => pikumo.EditAsync(new ImageEditRequest(Payloads.Prompt, ImageInput.FromBytes(reference, "reference.png")) { Count = n, Size = size, Quality = ImageQuality.High }), [], []),
            ("Pikumo to streams", () => pikumo.EditAsync(new ImageEditRequest(Payloads.Prompt, ImageInput.FromBytes(reference, "reference.png")) { Count = n, Size = size, Quality = ImageQuality.High }, ImageDestination.ToStreams(_ => Stream.Null)), [], []),
            ("OpenAI SDK 2.15", async () =>
            {
                using var stream = new MemoryStream(reference, writable: false);
                await sdk.GenerateImageEditsAsync(stream, "reference.png", Payloads.Prompt, n, new ImageEditOptions { Size = BenchmarkClients.SdkSize(sizeText), Quality = GeneratedImageQuality.High });
            }, [], []),
            ("HttpClient + STJ", () => plain.EditAsync(reference, BenchmarkClients.Model, Payloads.Prompt, n, sizeText, "high"), [], []),
            ("Floor", () => floor.EditAsync(() => new MemoryStream(reference, writable: false), reference.Length, BenchmarkClients.Model, Payloads.Prompt, n, sizeText, "high"), [], []),
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
                var allocated = GC.GetTotalAllocatedBytes(precise: true);
                var started = Stopwatch.GetTimestamp();
                client.Call().GetAwaiter().GetResult();
                client.Times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                client.Allocated.Add(GC.GetTotalAllocatedBytes(precise: true) - allocated);
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"edit n={n} {sizeText}, {(recordSized ? "16 KB reads" : "socket reads")}, {calls} calls each, interleaved"));
        var decoded = Payloads.DecodedBytes(n, size);
        Console.WriteLine("| client | median ms | p10 ms | p90 ms | median ÷ floor's | median ÷ SDK's | allocated per call (median) | ÷ decoded |");
        Console.WriteLine("|---|--:|--:|--:|--:|--:|--:|--:|");
        var floorMedian = Percentile(clients[^1].Times, 0.5);
        var sdkMedian = Percentile(clients[2].Times, 0.5);
        foreach (var (name, _, times, allocated) in clients)
        {
            var median = Percentile(times, 0.5);
            var bytes = LoadMode.Percentile([.. allocated.Select(a => (double)a).Order()], 0.5);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {median:0.00} | {Percentile(times, 0.1):0.00} | {Percentile(times, 0.9):0.00} | {median / floorMedian:0.00} | {median / sdkMedian:0.00} | {bytes / 1024:N0} KB | {bytes / decoded:0.000} |"));
        }

        server.DisposeAsync().AsTask().GetAwaiter().GetResult();
        return 0;
    }

    private static double Percentile(List<double> values, double p) => LoadMode.Percentile([.. values.Order()], p);
}
