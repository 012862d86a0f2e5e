using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Pikumo.ImageGen.Diagnostics;

/// <summary>
/// Names of the library's traces and metrics. Spans and instruments follow the OpenTelemetry GenAI
/// semantic conventions (<c>gen_ai.*</c>) where they apply, plus Pikumo's image and cost counters.
/// Subscribe with <c>AddSource(ImageGenTelemetry.SourceName)</c> and <c>AddMeter(ImageGenTelemetry.MeterName)</c>.
/// </summary>
public static class ImageGenTelemetry
{
    /// <summary>The <see cref="ActivitySource"/> name.</summary>
    public const string SourceName = "Pikumo.ImageGen";

    /// <summary>The <see cref="Meter"/> name.</summary>
    public const string MeterName = "Pikumo.ImageGen";

    /// <summary>Histogram of call duration in seconds (<c>gen_ai.client.operation.duration</c>).</summary>
    public const string OperationDuration = "gen_ai.client.operation.duration";

    /// <summary>Histogram of tokens per call, tagged <c>gen_ai.token.type</c> = <c>input</c> | <c>output</c> (<c>gen_ai.client.token.usage</c>).</summary>
    public const string TokenUsage = "gen_ai.client.token.usage";

    /// <summary>Counter of images returned.</summary>
    public const string ImagesGenerated = "pikumo.imagegen.images";

    /// <summary>Counter of cost in US dollars.</summary>
    public const string Cost = "pikumo.imagegen.cost";

    internal static readonly ActivitySource Source = new(SourceName, typeof(ImageGenTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly Meter Meter = new(MeterName, typeof(ImageGenTelemetry).Assembly.GetName().Version?.ToString());

    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>(
        OperationDuration, "s", "Duration of image calls.", advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1, 5, 10, 20, 30, 45, 60, 90, 120, 180, 300, 600] });

    internal static readonly Histogram<long> Tokens = Meter.CreateHistogram<long>(TokenUsage, "{token}", "Tokens used by image calls.");

    internal static readonly Counter<long> Images = Meter.CreateCounter<long>(ImagesGenerated, "{image}", "Images returned by image calls.");

    internal static readonly Counter<double> CostUsd = Meter.CreateCounter<double>(Cost, "USD", "Cost of image calls in US dollars, from the price table.");
}
