using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;
using Pikumo.ImageGen.Tests.Sequences.Crash;

namespace Pikumo.ImageGen.Tests.Sequences;

/// <summary>
/// Paid calls exactly once across SIGKILLs: a child process runs a 24-beat sequence against the loopback simulator
/// and is killed at seeded moments (a journal step, a byte of an upload, a byte of a download); a new process resumes
/// each time. The simulator's recorder is the judge of what was paid.
/// </summary>
public sealed partial class SequenceCrashTests
{
    private const int Beats = 24;

    /// <summary>The final tier: 24 paid frames, 20 kills per route; on fal no paid job is ever repeated.</summary>
    [Theory]
    [InlineData("openai", 1301)]
    [InlineData("fal", 1302)]
    public Task Final_KilledAtSeededMoments_PaysEachFrameOnceOrCountsIt(string provider, int seed) => RunAsync(provider, "final", seed, kills: 20);

    /// <summary>The preview tier: 3 paid composites, so fewer kills reach a new state; 10 per route.</summary>
    [Theory]
    [InlineData("openai", 1303)]
    [InlineData("fal", 1304)]
    public Task Preview_KilledAtSeededMoments_PaysEachCompositeOnceOrCountsIt(string provider, int seed) => RunAsync(provider, "preview", seed, kills: 10);

    private static async Task RunAsync(string provider, string tier, int seed, int kills)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var stopwatch = System.Diagnostics.Stopwatch.StartNew();
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0.005, Seed = (ulong)seed });
        await using var server = await simulator.StartServerAsync(cancellationToken);
        await using var relay = new KillRelay(server.Port);
        using var root = new TempFolder();
        var photo = root.Write("mia.png", TestImages.Png(256, 256, seed: 7, noise: true));
        string[] Arguments(string folder) => [provider, tier, relay.BaseAddress.ToString(), folder, photo, Beats.ToString(CultureInfo.InvariantCulture)];

        // A clean run measures the whole run: its journal steps and bytes each way, so kill points spread over all of it.
        var clean = await CrashChild.RunAsync(relay, null, Arguments(Path.Combine(root.Path, "clean")), cancellationToken);
        var (up, down) = relay.Counted;
        var totalSteps = clean.Events;
        var random = new Random(seed);
        var kinds = new Dictionary<string, int>();
        int killed = 0, children = 0, rounds = 0, paid = 0, needed = 0, counted = 0, repeats = 0, adopted = 0, fetched = 0, found = 0;
        while (killed < kills)
        {
            rounds++;
            simulator.Recorder.Clear();
            var folder = Path.Combine(root.Path, $"round-{rounds}");
            while (true)
            {
                var left = (double)Math.Max(1, Beats - DoneBeats(folder, tier)) / Beats;
                var kill = killed >= kills ? null : random.Next(4) switch
                {
                    0 => new KillPoint("upload", 1 + random.NextInt64(Math.Max(1, (long)(up * left)))),
                    1 => new KillPoint("download", 1 + random.NextInt64(Math.Max(1, (long)(down * left)))),
                    _ => new KillPoint("step", 1 + random.Next(Math.Max(1, (int)(totalSteps * left)))),
                };
                var run = await CrashChild.RunAsync(relay, kill, Arguments(folder), cancellationToken);
                children++;
                adopted += run.Lines.Count(l => l.StartsWith("EVENT 30 ", StringComparison.Ordinal));
                fetched += run.Lines.Count(l => l.StartsWith("EVENT 31 ", StringComparison.Ordinal));
                found += run.Lines.Count(l => l.StartsWith("EVENT 45 ", StringComparison.Ordinal));
                if (!run.Killed)
                {
                    break;
                }

                killed++;
                kinds[kill!.Kind] = kinds.GetValueOrDefault(kill.Kind) + 1;
            }

            var round = await CheckRoundAsync(simulator, folder, tier, cancellationToken);
            paid += round.Paid;
            needed += round.Needed;
            counted += round.Counted;
            repeats += round.Repeats;
        }

        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{provider} {tier}: {killed} kills ({string.Join(", ", kinds.OrderBy(k => k.Key).Select(k => $"{k.Value} {k.Key}"))}) over {rounds} runs of {Beats} beats, {children} child processes; "
            + $"{paid} paid calls for {needed} needed; {repeats} repeated, {counted} counted as possibly billed twice; {adopted} answers adopted from files, {fetched} fal jobs fetched by id ({found} of them found in fal's request history); clean run {totalSteps} journal steps, {up:N0} bytes up, {down:N0} down; {stopwatch.Elapsed.TotalSeconds:0} s");
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        await File.AppendAllTextAsync(Path.Combine(Path.GetTempPath(), "pikumo-crash-counts.txt"), summary + "\n", cancellationToken); // the figures docs/reliability.md quotes
        Assert.True(killed >= kills);
        Assert.InRange(repeats, 0, counted);
        if (provider == "fal")
        {
            // A fal job is never paid twice: a job whose id was journaled is fetched by it, and one whose id was lost
            // (killed between fal accepting it and the journal write) is found in fal's request history by its prompt.
            Assert.True(fetched > 0, "no fal job was fetched by its id");
            Assert.Equal(0, repeats);
        }
    }

    /// <summary>Every beat done once in the manifest, every file a whole image matching its hash, and no call repeated that is not counted.</summary>
    private static async Task<(int Paid, int Needed, int Counted, int Repeats)> CheckRoundAsync(ImageGenSimulator simulator, string folder, string tier, CancellationToken cancellationToken)
    {
        var manifest = await SequenceManifest.LoadAsync(folder, cancellationToken);
        Assert.NotNull(manifest);
        var frames = manifest.Frames.Where(f => f.Tier == tier).ToArray();
        Assert.Equal(Enumerable.Range(0, Beats), frames.Select(f => f.Beat).Order());
        var units = tier == "final" ? frames : manifest.Composites.Where(c => c.Tier == tier).ToArray();
        foreach (var entry in frames.Concat(units))
        {
            Assert.Equal("done", entry.Status);
            var bytes = await File.ReadAllBytesAsync(Path.Combine(folder, entry.File!), cancellationToken);
            Assert.Equal(entry.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
            Assert.True(ImageHeader.TryRead(bytes, out var header) && header.HasSize, $"{entry.File} is not an image");
            Assert.True(bytes.AsSpan().EndsWith((byte[])[0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82]), $"{entry.File} is not a whole PNG");
        }

        Assert.Empty(Directory.EnumerateFiles(folder, ".*.tmp", SearchOption.AllDirectories));

        // The simulator's own record of paid calls: each unit (a frame, or a preview chunk's composite) once, plus at most what was counted.
        var calls = simulator.Recorder.ImageCalls.GroupBy(c => FirstBeat(c.Prompt!)).ToDictionary(g => g.Key, g => g.Count());
        var repeats = 0;
        foreach (var unit in units)
        {
            var beat = tier == "final" ? unit.Beat : frames.Where(f => f.Chunk == unit.Chunk).Min(f => f.Beat);
            var count = calls.GetValueOrDefault(beat);
            Assert.InRange(count, 1, 1 + unit.PossiblyBilledTwice);
            repeats += count - 1;
        }

        return (calls.Values.Sum(), units.Length, units.Sum(u => u.PossiblyBilledTwice), repeats);
    }

    private static int DoneBeats(string folder, string tier)
    {
        var path = Path.Combine(folder, SequenceManifest.FileName);
        return File.Exists(path) ? Math.Min(Beats, BeatNumber().Count(File.ReadAllText(path))) : 0;
    }

    /// <summary>The first beat a prompt names (a final frame names one; a composite names its chunk's).</summary>
    private static int FirstBeat(string prompt) => int.Parse(BeatMarker().Match(prompt).Groups[1].Value, CultureInfo.InvariantCulture) - 1;

    [GeneratedRegex("crash beat (\\d\\d)")]
    private static partial Regex BeatMarker();

    [GeneratedRegex("\"status\": \"done\"")]
    private static partial Regex BeatNumber();
}
