using System.Diagnostics;
using System.Diagnostics.Metrics;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Privacy;

/// <summary>
/// A reference photo never reaches a log line (any level), a trace, a metric, an exception or a manifest: not its
/// bytes (as base64 or hex), not its file's path or name. Checked on every provider, for success and every fault.
/// </summary>
[Collection(nameof(Pikumo.ImageGen.Tests.Transports.OpenAI.MeasuredAllocations))]
public sealed class ReferencePhotoLeakTests
{
    private const string PhotoName = "ana-example-passport-photo";

    public static TheoryData<ImageProvider, string> Cases => NamedFaults.EveryProviderWith("none", "server", "content-policy", "reset", "truncated", "base64", "fal-fails", "stream");

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Calls_UnderAnyOutcome_NeverCarryTheReferencePhoto(ImageProvider provider, string fault)
    {
        using var temp = new TempFolder();
        var photo = TestImages.Png(96, 96, seed: 4242, noise: true);
        var path = temp.Write(PhotoName + ".png", photo);
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        NamedFaults.Inject(simulator, fault);

        using var capture = new Capture();
        using var client = simulator.CreateClient(provider, o =>
        {
            o.Resilience.MaxRetryAttempts = 1;
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Fal.PollInterval = TimeSpan.FromMilliseconds(1);
        }, capture.Logs);
        var request = new ImageEditRequest("Mia at the beach", ImageInput.FromFile(path), ImageInput.FromBytes(photo, PhotoName + "-copy.png"));
        var texts = new List<string>();
        try
        {
            if (fault == "stream" && provider is not (ImageProvider.Fal or ImageProvider.Gemini))
            {
                await foreach (var update in client.StreamEditAsync(request with { PartialImages = 2 }, TestContext.Current.CancellationToken))
                {
                    texts.Add(update.ToString()!);
                }
            }
            else
            {
                texts.Add((await client.EditAsync(request, TestContext.Current.CancellationToken)).ToString());
            }
        }
        catch (Exception ex) when (ex is ImageGenException or ArgumentException)
        {
            texts.Add(ex.ToString());
        }

        texts.AddRange(capture.Texts());
        Assert.NotEmpty(capture.Logs.Lines);
        AssertNoTrace(photo, path, texts);
        if (provider is ImageProvider.Fal or ImageProvider.Gemini && fault == "none")
        {
            // The needles are real: fal's and Gemini's JSON bodies carry the photo in base64, and one of them is found there.
            var body = System.Text.Encoding.UTF8.GetString(simulator.Recorder.ImageCalls[0].Body.Span);
            Assert.Contains(Needles(photo, path), n => body.Contains(n, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task SequenceRun_ManifestAndFolder_HoldNoTraceOfThePhoto()
    {
        using var temp = new TempFolder();
        var photo = TestImages.Png(96, 96, seed: 777, noise: true);
        var path = temp.Write(PhotoName + ".png", photo);
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var capture = new Capture();
        using var client = simulator.CreateClient(loggerFactory: capture.Logs);
        var folder = Path.Combine(temp.Path, "run");
        var story = new SequenceRequest(new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production), [new Scene("one"), new Scene("two"), new Scene("three")], [ImageInput.FromFile(path)]) { ChunkSize = 2 };

        await new SequenceRunner(client, logger: new Microsoft.Extensions.Logging.Logger<SequenceRunner>(capture.Logs)).RunToEndAsync(story, SequenceTier.Final, new SequenceRunOptions { OutputDirectory = folder }, TestContext.Current.CancellationToken);

        var files = Directory.GetFiles(folder, "*", SearchOption.AllDirectories);
        Assert.Equal(5, files.Length); // three frames, the manifest and the journal's folder lock: the photo was not copied in
        Assert.Contains(files, f => Path.GetFileName(f) == ".sequence.lock");
        Assert.All(files, f => Assert.NotEqual(photo, File.ReadAllBytes(f)));
        AssertNoTrace(photo, path, [File.ReadAllText(Path.Combine(folder, SequenceManifest.FileName)), .. capture.Texts()]);
    }

    /// <summary>No text holds the file's path or name, or a run of the photo's bytes as base64 (any alignment) or hex.</summary>
    private static void AssertNoTrace(byte[] photo, string path, IEnumerable<string> texts)
    {
        var needles = Needles(photo, path);
        foreach (var text in texts)
        {
            foreach (var needle in needles)
            {
                Assert.DoesNotContain(needle, text, StringComparison.Ordinal);
            }
        }
    }

    private static List<string> Needles(byte[] photo, string path)
    {
        var needles = new List<string> { path, PhotoName, Convert.ToHexString(photo.AsSpan(200, 24)), Convert.ToHexStringLower(photo.AsSpan(200, 24)) };
        for (var shift = 0; shift < 3; shift++)
        {
            needles.Add(Convert.ToBase64String(photo, 300 + shift, 45)[4..56]);
        }

        return needles;
    }

    /// <summary>Every log line, every activity of every source (names, status, tags, events) and every metric tag while it lives.</summary>
    private sealed class Capture : IDisposable
    {
        private readonly List<string> _traces = [];
        private readonly ActivityListener _activities;
        private readonly MeterListener _meters;

        public Capture()
        {
            _activities = new ActivityListener
            {
                ShouldListenTo = _ => true,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = a => Add($"{a.DisplayName} {a.OperationName} {a.StatusDescription} {string.Join(";", a.TagObjects.Select(t => $"{t.Key}={t.Value}"))} {string.Join(";", a.Events.Select(e => $"{e.Name} {string.Join(",", e.Tags.Select(t => $"{t.Key}={t.Value}"))}"))}"),
            };
            ActivitySource.AddActivityListener(_activities);
            _meters = new MeterListener { InstrumentPublished = (instrument, l) => l.EnableMeasurementEvents(instrument) };
            _meters.SetMeasurementEventCallback<double>((i, v, tags, _) => Add($"{i.Name} {string.Join(";", tags.ToArray().Select(t => $"{t.Key}={t.Value}"))}"));
            _meters.SetMeasurementEventCallback<long>((i, v, tags, _) => Add($"{i.Name} {string.Join(";", tags.ToArray().Select(t => $"{t.Key}={t.Value}"))}"));
            _meters.SetMeasurementEventCallback<int>((i, v, tags, _) => Add($"{i.Name} {string.Join(";", tags.ToArray().Select(t => $"{t.Key}={t.Value}"))}"));
            _meters.Start();
        }

        public CapturingLoggerProvider Logs { get; } = new();

        public IReadOnlyList<string> Texts()
        {
            lock (_traces)
            {
                return [.. _traces, .. Logs.Lines];
            }
        }

        public void Dispose()
        {
            _activities.Dispose();
            _meters.Dispose();
        }

        private void Add(string text)
        {
            lock (_traces)
            {
                _traces.Add(text);
            }
        }
    }
}
