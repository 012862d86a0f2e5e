using System.Diagnostics;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pikumo.ImageGen.Diagnostics;
using Pikumo.ImageGen.Transports;

namespace Pikumo.ImageGen;

/// <content>Telemetry of a call: its activity, its metrics and its log lines.</content>
public partial class ImageGenClient
{
    private Activity? StartActivity(ImageTransportRequest call, string operation)
    {
        if (CallerGenAITelemetry.Span is not null)
        {
            return null; // the caller's GenAI span (Microsoft.Extensions.AI's UseOpenTelemetry) covers this call
        }

        var activity = ImageGenTelemetry.Source.StartActivity($"{operation} {call.Model}", ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("gen_ai.operation.name", operation);
            activity.SetTag("gen_ai.provider.name", _transport.ProviderName);
            activity.SetTag("gen_ai.request.model", call.Model);
            activity.SetTag("gen_ai.request.choice.count", call.Count);
            activity.SetTag("pikumo.imagegen.reference_images", call.Images.Count);
            activity.SetTag("pikumo.imagegen.size", call.Size?.ToString());
            activity.SetTag("pikumo.imagegen.quality", call.Quality?.Value);
        }

        return activity;
    }

    private void Succeeded(Activity? activity, ImageTransportRequest call, string operation, ImageResult result)
    {
        var tags = Tags(call, operation);
        var callerSpan = CallerGenAITelemetry.Span;
        activity ??= callerSpan;
        if (callerSpan is null)
        {
            ImageGenTelemetry.Duration.Record(result.Elapsed.TotalSeconds, tags);
        }

        ImageGenTelemetry.Images.Add(result.Images.Count, tags);
        if (result.Cost is { } cost)
        {
            ImageGenTelemetry.CostUsd.Add((double)cost.Usd, tags);
        }

        if (result.Usage is { } usage && callerSpan is null)
        {
            var input = tags;
            input.Add("gen_ai.token.type", "input");
            ImageGenTelemetry.Tokens.Record(usage.InputTokens, input);
            var output = tags;
            output.Add("gen_ai.token.type", "output");
            ImageGenTelemetry.Tokens.Record(usage.OutputTokens, output);
        }

        if (activity is not null)
        {
            activity.SetTag("gen_ai.response.id", result.RequestId);
            activity.SetTag("gen_ai.usage.input_tokens", result.Usage?.InputTokens);
            activity.SetTag("gen_ai.usage.output_tokens", result.Usage?.OutputTokens);
            activity.SetTag("pikumo.imagegen.images", result.Images.Count);
            activity.SetTag("pikumo.imagegen.cost_usd", result.Cost is { } c ? (double)c.Usd : null);
        }

        if (_logger.IsEnabled(LogLevel.Information))
        {
            Log.CallSucceeded(_logger, _transport.ProviderName, operation, call.Model, result.Images.Count, result.Elapsed.TotalMilliseconds, result.Cost?.ToString() ?? "unpriced", result.RequestId);
        }
    }

    private void Failed(Activity? activity, ImageTransportRequest call, string operation, long start, Exception error)
    {
        var elapsed = _timeProvider.GetElapsedTime(start);
        var tags = Tags(call, operation);
        tags.Add("error.type", error.GetType().Name);
        if (CallerGenAITelemetry.Span is null)
        {
            ImageGenTelemetry.Duration.Record(elapsed.TotalSeconds, tags);
        }
        var requestId = (error as ImageGenException)?.RequestId;
        if (activity is not null)
        {
            activity.SetStatus(ActivityStatusCode.Error, error.GetType().Name);
            activity.SetTag("error.type", error.GetType().Name);
            activity.SetTag("gen_ai.response.id", requestId);
        }

        Log.CallFailed(_logger, _transport.ProviderName, operation, call.Model, elapsed.TotalMilliseconds, error.GetType().Name, (error as ImageGenException)?.OutcomeUnknown ?? false, requestId, error);
    }

    private TagList Tags(ImageTransportRequest call, string operation) => new()
    {
        { "gen_ai.operation.name", operation },
        { "gen_ai.provider.name", _transport.ProviderName },
        { "gen_ai.request.model", call.Model },
    };

    private static string OperationName(ImageOperation operation) => operation == ImageOperation.Edit ? "image_edit" : "image_generation";
}
