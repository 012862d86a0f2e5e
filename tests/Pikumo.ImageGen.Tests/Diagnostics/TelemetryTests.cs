using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Pikumo.ImageGen.Diagnostics;
using Pikumo.ImageGen.Testing;
using Pikumo.ImageGen.Tests.Infrastructure;

namespace Pikumo.ImageGen.Tests.Diagnostics;

/// <summary>A call produces the documented span and metrics with the right values, and no key or prompt text.</summary>
[Collection(nameof(Pikumo.ImageGen.Tests.Transports.OpenAI.MeasuredAllocations))]
public sealed class TelemetryTests
{
    [Fact]
    public async Task EditAsync_Succeeds_EmitsTheGenAiSpanAndMetrics()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        using var client = simulator.CreateClient(configure: o => o.DefaultModel = "gpt-image-2");
        var prompt = "a very particular prompt about a red umbrella";
        var spans = new ConcurrentQueue<Activity>();
        using var listener = ListenTo(spans);
        var measurements = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using var meters = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == ImageGenTelemetry.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        meters.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, Tags(tags))));
        meters.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, Tags(tags))));
        meters.Start();

        var result = await client.EditAsync(new ImageEditRequest(prompt, ImageInput.FromBytes(TestImages.Png())) { Count = 2, Quality = ImageQuality.Low }, TestContext.Current.CancellationToken);

        var span = Assert.Single(spans, s => s.DisplayName == "image_edit gpt-image-2" && (string?)s.GetTagItem("gen_ai.response.id") == result.RequestId);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal("image_edit", span.GetTagItem("gen_ai.operation.name"));
        Assert.Equal("openai", span.GetTagItem("gen_ai.provider.name"));
        Assert.Equal("gpt-image-2", span.GetTagItem("gen_ai.request.model"));
        Assert.Equal(2, span.GetTagItem("gen_ai.request.choice.count"));
        Assert.Equal(result.Usage!.InputTokens, span.GetTagItem("gen_ai.usage.input_tokens"));
        Assert.Equal(result.Usage.OutputTokens, span.GetTagItem("gen_ai.usage.output_tokens"));
        Assert.Equal((double)result.Cost!.Value.Usd, span.GetTagItem("pikumo.imagegen.cost_usd"));
        Assert.All(span.TagObjects, t => Assert.DoesNotContain(prompt, t.Value?.ToString() ?? string.Empty, StringComparison.Ordinal));
        Assert.All(span.TagObjects, t => Assert.DoesNotContain(simulator.Options.OpenAIApiKey, t.Value?.ToString() ?? string.Empty, StringComparison.Ordinal));

        var mine = measurements.Where(m => (string?)m.Tags.GetValueOrDefault("gen_ai.request.model") == "gpt-image-2" && (string?)m.Tags.GetValueOrDefault("gen_ai.operation.name") == "image_edit").ToArray();
        Assert.Contains(mine, m => m.Instrument == ImageGenTelemetry.OperationDuration && Math.Abs(m.Value - result.Elapsed.TotalSeconds) < 1e-6);
        Assert.Contains(mine, m => m.Instrument == ImageGenTelemetry.ImagesGenerated && m.Value == 2);
        Assert.Contains(mine, m => m.Instrument == ImageGenTelemetry.Cost && Math.Abs(m.Value - (double)result.Cost.Value.Usd) < 1e-9);
        Assert.Contains(mine, m => m.Instrument == ImageGenTelemetry.TokenUsage && (string?)m.Tags["gen_ai.token.type"] == "input" && m.Value == result.Usage.InputTokens);
        Assert.Contains(mine, m => m.Instrument == ImageGenTelemetry.TokenUsage && (string?)m.Tags["gen_ai.token.type"] == "output" && m.Value == result.Usage.OutputTokens);
    }

    [Fact]
    public async Task EditAsync_Fails_MarksTheSpanAndTheDurationWithTheErrorType()
    {
        var simulator = new ImageGenSimulator(new SimulatorOptions { LatencyScale = 0 });
        simulator.Faults.OnImageCalls(SimulatedFault.ContentPolicy());
        using var client = simulator.CreateClient(configure: o => o.DefaultModel = "gpt-image-1.5");
        var spans = new ConcurrentQueue<Activity>();
        using var listener = ListenTo(spans);

        await Assert.ThrowsAsync<ImageGenContentPolicyException>(() => client.EditAsync(new ImageEditRequest("x", ImageInput.FromBytes(TestImages.Png())), TestContext.Current.CancellationToken));

        var span = Assert.Single(spans, s => s.DisplayName == "image_edit gpt-image-1.5");
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(nameof(ImageGenContentPolicyException), span.GetTagItem("error.type"));
    }

    private static ActivityListener ListenTo(ConcurrentQueue<Activity> spans)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == ImageGenTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>();
        foreach (var tag in tags)
        {
            result[tag.Key] = tag.Value;
        }

        return result;
    }
}
