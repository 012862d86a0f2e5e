using System.Globalization;
using Pikumo.ImageGen.Sequences;
using Spectre.Console;

namespace Pikumo.ImageGen.Samples;

/// <summary>
/// Shows a sequence run as it happens: on a terminal, a live progress bar per tier (Spectre.Console) with the chunk, the
/// running call against the plan's time for one call, the cost so far against the plan, and the time left as the run
/// measures it; otherwise (redirected output, tests) one line per step worth reading.
/// </summary>
public static class SequenceProgressView
{
    /// <summary>Whether this context can show a live display.</summary>
    public static bool IsLive(SampleContext context) =>
        ReferenceEquals(context.Out, Console.Out) && !Console.IsOutputRedirected && AnsiConsole.Profile.Capabilities.Interactive;

    /// <summary>Runs <paramref name="run"/> with a progress sink that renders to the console or to lines.</summary>
    public static async Task<T> ShowAsync<T>(SampleContext context, string title, Func<IProgress<SequenceProgress>, Task<T>> run)
    {
        if (!IsLive(context))
        {
            return await run(new Lines(context.Out));
        }

        T result = default!;
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async ctx =>
            {
                var task = ctx.AddTask(Markup.Escape(title), maxValue: 1);
                result = await run(new Live(task));
                task.StopTask();
            });
        return result;
    }

    /// <summary>One line: where the run stands.</summary>
    public static string Describe(SequenceProgress p)
    {
        var what = p.Kind switch
        {
            SequenceProgressKind.RunPlanned => string.Create(CultureInfo.InvariantCulture, $"planned: {p.FramesTotal} frames in {p.ChunksTotal} chunk(s), ${p.PlannedCostUsd:0.000}"),
            SequenceProgressKind.ChunkStarted => $"chunk {p.Chunk + 1}/{p.ChunksTotal} started",
            SequenceProgressKind.CallStarted => $"{p.Call}: sending",
            SequenceProgressKind.CallSent => $"{p.Call}: sent{(p.RequestId is { } id ? $" (job {id})" : string.Empty)}, waiting for the provider",
            SequenceProgressKind.CallStatus => $"{p.Call}: {p.Status}{(p.QueuePosition is { } q ? $" (position {q})" : string.Empty)}",
            SequenceProgressKind.Waiting => $"{p.CallsInFlight} call(s) running, {p.Call} for {Seconds(p.CallElapsed)} (planned {Seconds(p.CallPlanned)})",
            SequenceProgressKind.RetryWaiting => $"{p.Call}: {p.Reason}, attempt {p.Attempt} in {Seconds(p.RetryDelay)}",
            SequenceProgressKind.FrameLanded => $"frame {p.LastFrame!.BeatIndex + 1} landed in {Seconds(p.CallElapsed)}{(p.LastFrame.Status == SequenceFrameStatus.Rejected ? ", every image rejected: the best one is kept" : string.Empty)}",
            SequenceProgressKind.FrameJudged => $"beat {p.JudgedBeat + 1}, roll {p.Judgement!.Roll}, image {p.Judgement.Variant + 1}: {p.Judgement}",
            SequenceProgressKind.FrameRerolled => $"{p.Call}: every image rejected, re-rolling (call {p.Attempt})",
            SequenceProgressKind.FrameReused => $"frame {p.LastFrame!.BeatIndex + 1} reused from the manifest",
            SequenceProgressKind.FrameFailed => $"frame {p.LastFrame!.BeatIndex + 1}: {p.LastFrame.Status} {p.LastFrame.Error}",
            SequenceProgressKind.ChunkFinished => $"chunk {p.Chunk + 1}/{p.ChunksTotal} finished",
            _ => "finished",
        };
        return string.Create(CultureInfo.InvariantCulture,
            $"{p.Tier,-7} {p.FramesDone,2}/{p.FramesTotal} frames  ${p.CostUsd:0.000} of ${p.PlannedCostUsd:0.000} planned  ~{p.EstimatedRemaining.TotalSeconds:0.0} s left  {what}");
    }

    private static string Seconds(TimeSpan? time) => time is { } t ? string.Create(CultureInfo.InvariantCulture, $"{t.TotalSeconds:0.0} s") : "-";

    /// <summary>Reports on the calling thread (Progress&lt;T&gt; would post to the thread pool and reorder lines); skips the per-call chatter.</summary>
    private sealed class Lines(TextWriter output) : IProgress<SequenceProgress>
    {
        public void Report(SequenceProgress value)
        {
            if (value.Kind is not (SequenceProgressKind.CallStarted or SequenceProgressKind.CallSent))
            {
                output.WriteLine(Describe(value));
            }
        }
    }

    private sealed class Live(ProgressTask task) : IProgress<SequenceProgress>
    {
        public void Report(SequenceProgress value)
        {
            task.MaxValue = Math.Max(1, value.FramesTotal);
            task.Value = value.FramesDone + value.FramesRejected + value.FramesFailed + value.FramesUnknown + value.FramesLeftForBudget;
            task.Description = Markup.Escape(Describe(value));
        }
    }
}
