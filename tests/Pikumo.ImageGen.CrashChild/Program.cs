using System.Globalization;
using Microsoft.Extensions.Logging;
using Pikumo.ImageGen;
using Pikumo.ImageGen.Imaging;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;
using Pikumo.ImageGen.Testing;

// Usage: <openai|fal> <final|preview> <base address> <folder> <photo> <beats>
// Runs the sequence against the loopback simulator at <base address>, resuming from <folder>. Every journal step
// (a Debug event of the sequence runner) is written to stdout as "EVENT <step> <unit>", and the step waits for a line
// on stdin ("go") before it goes on, so the parent can kill the process exactly there. Ends with "RESULT ...".
var provider = args[0] == "fal" ? ImageProvider.Fal : ImageProvider.OpenAI;
var tier = args[1] == "preview" ? SequenceTier.Preview : SequenceTier.Final;
var baseAddress = new Uri(args[2]);
var folder = args[3];
var photo = await File.ReadAllBytesAsync(args[4]);
var beats = int.Parse(args[5], CultureInfo.InvariantCulture);

var options = new ImageGenSimulator().CreateOptions(provider, baseAddress);
options.Fal.PollInterval = TimeSpan.FromMilliseconds(20);
options.Fal.MaxPollInterval = TimeSpan.FromMilliseconds(100);

// A job whose id the killed process never journaled ends within a fraction of a second at this latency scale; a
// submission that never reached the simulator (killed mid-upload) is given up after this long and made again.
options.Fal.LostSubmissionSearch = TimeSpan.FromSeconds(3);
using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddProvider(new HandshakeLoggerProvider()));
using var client = new ImageGenClient(options, loggerFactory: loggerFactory);
var story = new SequenceRequest(
    new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithStyle(ImageStyle.Dreamscape),
    Enumerable.Range(1, beats).Select(i => new Scene($"crash beat {i:00} of {Path.GetFileName(folder)}: Mia's day, moment {i}")),
    [ImageInput.FromBytes(photo, "mia.png")])
{
    UnknownOutcomes = UnknownOutcomePolicy.Regenerate,
    Preview = new SequenceTierOptions { Quality = ImageQuality.Low, Size = ImageSize.Landscape1536x1024, InputFidelity = null },
    Final = new SequenceTierOptions { Quality = ImageQuality.Low, Size = ImageSize.Square1024, InputFidelity = null },
};
var runner = new SequenceRunner(client, new SkiaCompositeSlicer(), loggerFactory.CreateLogger<SequenceRunner>());
var result = await runner.RunToEndAsync(story, tier, new SequenceRunOptions { OutputDirectory = folder });
Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"RESULT done={result.Frames.Count(f => f.Status == SequenceFrameStatus.Done)} calls={result.Actual.Calls} billed_twice={result.PossiblyBilledTwice} recovered={result.Recovered} unknown={result.OutcomeUnknown.Count} failed={result.Failed.Count}"));
Console.Out.Flush();
return result.Frames.All(f => f.Status == SequenceFrameStatus.Done) ? 0 : 3;

/// <summary>Turns the runner's journal-step events into a stop-and-wait handshake with the parent.</summary>
internal sealed class HandshakeLoggerProvider : ILoggerProvider
{
    private static readonly Lock Gate = new();

    public ILogger CreateLogger(string categoryName) => new Handshake();

    public void Dispose()
    {
    }

    private sealed class Handshake : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id is not (30 or 31 or 37 or 45))
            {
                return;
            }

            var message = formatter(state, exception).Replace('\n', ' ');
            lock (Gate)
            {
                Console.Out.WriteLine($"EVENT {eventId.Id} {message}");
                Console.Out.Flush();
                _ = Console.In.ReadLine();
            }
        }
    }
}
