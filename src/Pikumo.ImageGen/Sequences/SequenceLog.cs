using Microsoft.Extensions.Logging;

namespace Pikumo.ImageGen.Sequences;

/// <summary>The sequence journal's log events (ids 30–40 and 45; each journal step is logged at Debug after it is on disk; the runner's chunk events are 20–23).</summary>
internal static partial class SequenceLog
{
    [LoggerMessage(30, LogLevel.Information, "Sequence {Tier} {Unit}: adopted '{File}', which a stopped run had received and paid for")]
    public static partial void Adopted(ILogger logger, string tier, string unit, string file);

    [LoggerMessage(31, LogLevel.Information, "Sequence {Tier} {Unit}: fetched fal job {RequestId}, which a stopped run had paid for, instead of submitting it again")]
    public static partial void Fetched(ILogger logger, string tier, string unit, string requestId);

    [LoggerMessage(32, LogLevel.Warning, "Sequence {Tier} {Unit}: calling again although an earlier call may have been billed (UnknownOutcomes = Regenerate); it may be paid twice")]
    public static partial void Regenerating(ILogger logger, string tier, string unit);

    [LoggerMessage(33, LogLevel.Warning, "Sequence {Tier} {Unit}: not started, its estimated cost would pass the budget (${Committed} of ${Budget} committed)")]
    public static partial void LeftForBudget(ILogger logger, string tier, string unit, decimal committed, decimal budget);

    [LoggerMessage(34, LogLevel.Warning, "Sequence {Tier} {Unit}: call failed (outcome unknown: {OutcomeUnknown}): {Error}")]
    public static partial void CallFailed(ILogger logger, string tier, string unit, bool outcomeUnknown, string error);

    [LoggerMessage(35, LogLevel.Warning, "Sequence {Tier} {Unit}: outcome unknown, not called again: {Why}")]
    public static partial void Held(ILogger logger, string tier, string unit, string why);

    [LoggerMessage(37, LogLevel.Debug, "Sequence {Tier} {Unit}: journal step '{Step}'")]
    public static partial void Step(ILogger logger, string tier, string unit, string step);

    [LoggerMessage(38, LogLevel.Information, "Sequence {Tier} {Unit}: judged {Judgement}")]
    public static partial void Judged(ILogger logger, string tier, string unit, string judgement);

    [LoggerMessage(39, LogLevel.Information, "Sequence {Tier} {Unit}: every image rejected ({Judgement}); re-rolling, call {Roll}")]
    public static partial void Rerolling(ILogger logger, string tier, string unit, int roll, string judgement);

    [LoggerMessage(40, LogLevel.Warning, "Sequence {Tier} {Unit}: rejected, but a re-roll would pass the re-roll budget of ${Budget}; the best image is kept")]
    public static partial void RerollOverBudget(ILogger logger, string tier, string unit, decimal budget);

    [LoggerMessage(36, LogLevel.Debug, "Sequence run in '{Directory}': deleted {Count} temporary file(s) that stopped writes left")]
    public static partial void TemporaryFilesDeleted(ILogger logger, string directory, int count);

    [LoggerMessage(45, LogLevel.Information, "Sequence {Tier} {Unit}: found fal job {RequestId} in fal's request history; a stopped run had submitted it without journaling its id")]
    public static partial void FoundLostSubmission(ILogger logger, string tier, string unit, string requestId);
}
