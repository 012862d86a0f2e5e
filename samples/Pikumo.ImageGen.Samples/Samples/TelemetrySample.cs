using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Pikumo.ImageGen.Diagnostics;

namespace Pikumo.ImageGen.Samples;

/// <summary>Exports the library's spans and metrics with OpenTelemetry's console exporter.</summary>
public static class TelemetrySample
{
    /// <summary>The command line's view of this sample.</summary>
    public static SampleDefinition Definition { get; } = new()
    {
        Name = "telemetry",
        Description = "One edit with the library's spans and metrics on OpenTelemetry's console exporter.",
        RunAsync = (context, _, cancellationToken) => RunAsync(context, cancellationToken),
    };

    public static async Task<int> RunAsync(SampleContext context, CancellationToken cancellationToken)
    {
        using var client = context.CreateClient();
        context.Out.WriteLine($"Telemetry of one edit on {context.Where}: spans and metrics follow.");

        using TracerProvider tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(ImageGenTelemetry.SourceName)
            .AddConsoleExporter()
            .Build();
        using MeterProvider metrics = Sdk.CreateMeterProviderBuilder()
            .AddMeter(ImageGenTelemetry.MeterName)
            .AddConsoleExporter()
            .Build();

        var result = await client.EditAsync(new ImageEditRequest("Mia at a night market, painted anime", ImageInput.FromFile(SampleContext.ReferencePhoto)) { Quality = ImageQuality.Low }, cancellationToken);
        metrics.ForceFlush();
        var report = new Report(context.Out);
        report.Add("edit (n=1)", result);
        report.Write("(no files; see the console exporter's output above)");
        return 0;
    }
}
