using System.Diagnostics;
using Pikumo.ImageGen.Diagnostics;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Internal;

/// <summary>
/// Under every fault the simulator can inject, on every provider, no key appears in an exception (message or
/// ToString), a log line at any level, a trace, the options' or the recorder's output.
/// </summary>
[Collection(nameof(Pikumo.ImageGen.Tests.Transports.OpenAI.MeasuredAllocations))]
public sealed class SecretsTests
{
    public static TheoryData<ImageProvider, string> Faults => NamedFaults.EveryProviderWith("none", "rate-limit", "quota", "server", "content-policy", "reset", "truncated", "base64", "fal-fails");

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task AnyCall_UnderAnyFault_LeaksNoKey(ImageProvider provider, string fault)
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        var secrets = new[] { simulator.Options.OpenAIApiKey, simulator.Options.AzureApiKey, simulator.Options.FalApiKey, "simulator-fal-key-secret", simulator.Options.GeminiApiKey };
        NamedFaults.Inject(simulator, fault);

        var logs = new CapturingLoggerProvider();
        var traces = new List<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ImageGenTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a => { lock (traces) { traces.Add($"{a.DisplayName} {a.StatusDescription} {string.Join(";", a.TagObjects.Select(t => $"{t.Key}={t.Value}"))}"); } },
        };
        ActivitySource.AddActivityListener(listener);
        using var client = simulator.CreateClient(provider, o =>
        {
            o.Resilience.MaxRetryAttempts = 1;
            o.Resilience.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.Fal.PollInterval = TimeSpan.FromMilliseconds(1);
        }, logs);
        var texts = new List<string> { client.Options.ToString(), client.Options.OpenAI.ToString(), client.Options.Azure.ToString(), client.Options.Fal.ToString(), client.Options.Gemini.ToString() };

        try
        {
            var result = await client.EditAsync(new ImageEditRequest("a secret-free prompt", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken);
            texts.Add(result.ToString());
        }
        catch (Exception ex) when (ex is ImageGenException or ArgumentException)
        {
            texts.Add(ex.ToString());
            texts.Add(ex.Message);
        }

        texts.AddRange(logs.Lines);
        lock (traces)
        {
            texts.AddRange(traces);
        }

        texts.AddRange(simulator.Recorder.Select(r => r.ToString()));
        Assert.NotEmpty(logs.Lines);
        foreach (var text in texts)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }
}
