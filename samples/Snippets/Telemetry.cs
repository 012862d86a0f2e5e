#region telemetry
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Pikumo.ImageGen.Diagnostics;

// Packages: OpenTelemetry.Exporter.Console (or your exporter of choice).
using TracerProvider tracing = Sdk.CreateTracerProviderBuilder()
    .AddSource(ImageGenTelemetry.SourceName)
    .AddConsoleExporter()
    .Build();
using MeterProvider metrics = Sdk.CreateMeterProviderBuilder()
    .AddMeter(ImageGenTelemetry.MeterName)
    .AddConsoleExporter()
    .Build();
#endregion
