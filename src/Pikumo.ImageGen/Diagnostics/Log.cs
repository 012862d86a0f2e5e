using Microsoft.Extensions.Logging;

namespace Pikumo.ImageGen.Diagnostics;

/// <summary>
/// The library's log events. Keys, image bytes and prompt text never appear above Trace; the prompt is
/// logged only at Trace and only when that level is on.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Debug, "Image call starting: {Provider} {Operation} {Model}, n={Count}, {ReferenceCount} reference image(s)")]
    public static partial void CallStarting(ILogger logger, string provider, string operation, string model, int count, int referenceCount);

    [LoggerMessage(2, LogLevel.Information, "Image call succeeded: {Provider} {Operation} {Model}, {ImageCount} image(s) in {ElapsedMs:0} ms, cost {Cost}, request id {RequestId}")]
    public static partial void CallSucceeded(ILogger logger, string provider, string operation, string model, int imageCount, double elapsedMs, string cost, string? requestId);

    [LoggerMessage(3, LogLevel.Warning, "Image call failed: {Provider} {Operation} {Model} after {ElapsedMs:0} ms ({ErrorType}, outcome unknown: {OutcomeUnknown}, request id {RequestId})")]
    public static partial void CallFailed(ILogger logger, string provider, string operation, string model, double elapsedMs, string errorType, bool outcomeUnknown, string? requestId, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "Left out parameter '{Parameter}': {Model} on {Provider} does not take it (UnsupportedParameters = Omit)")]
    public static partial void ParameterOmitted(ILogger logger, string parameter, string model, string provider);

    [LoggerMessage(5, LogLevel.Warning, "Image call note for {Model}: {Note}")]
    public static partial void CallWarning(ILogger logger, string model, string note);

    [LoggerMessage(6, LogLevel.Trace, "Image call prompt for {Model}: {Prompt}")]
    public static partial void Prompt(ILogger logger, string model, string prompt);

    [LoggerMessage(7, LogLevel.Debug, "Image call cancelled: {Provider} {Operation} {Model} after {ElapsedMs:0} ms")]
    public static partial void CallCancelled(ILogger logger, string provider, string operation, string model, double elapsedMs);

    [LoggerMessage(8, LogLevel.Information, "Retrying image call to {Provider} in {DelayMs:0} ms (attempt {Attempt}): {Reason}")]
    public static partial void Retrying(ILogger logger, string provider, double delayMs, int attempt, string reason);

    [LoggerMessage(20, LogLevel.Information, "Sequence {Tier} chunk {Chunk}/{Chunks} starting: beats {First}-{Last}, {References} reference image(s)")]
    public static partial void ChunkStarting(ILogger logger, string tier, int chunk, int chunks, int first, int last, int references);

    [LoggerMessage(21, LogLevel.Information, "Sequence {Tier} chunk {Chunk}/{Chunks} finished: {Done} done, {Failed} failed, {Reused} reused from the manifest")]
    public static partial void ChunkFinished(ILogger logger, string tier, int chunk, int chunks, int done, int failed, int reused);

    [LoggerMessage(22, LogLevel.Warning, "Sequence {Tier} frame for beat {Beat} failed: {Error}")]
    public static partial void FrameFailed(ILogger logger, string tier, int beat, string error);

    [LoggerMessage(23, LogLevel.Warning, "Sequence preview layout note: {Warning}")]
    public static partial void LayoutWarning(ILogger logger, string warning);
}
