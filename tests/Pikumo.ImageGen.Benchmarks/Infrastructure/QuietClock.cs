using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;

namespace Pikumo.ImageGen.Benchmarks.Infrastructure;

/// <summary>
/// Drives a <see cref="FakeTimeProvider"/> until a task completes: it advances the clock one step at a time, and
/// before each step waits until the process is quiet (no queued or completing thread-pool work, and under a tenth
/// of a core busy, over two windows of 3 ms in a row). Real work (rendering, parsing, writing frames) then happens "between
/// ticks" and costs no simulated time, so the simulated wall clock is the schedule's alone, to within one step
/// per sequential wait.
/// </summary>
internal sealed class QuietClock(FakeTimeProvider time, TimeSpan step)
{
    private static readonly TimeSpan Window = TimeSpan.FromMilliseconds(3);
    private static readonly TimeSpan MaxWait = TimeSpan.FromMilliseconds(500);

    public int Steps { get; private set; }

    /// <summary>Steps advanced although the process had not gone quiet within half a second.</summary>
    public int ForcedSteps { get; private set; }

    public T Run<T>(Task<T> task)
    {
        while (!task.IsCompleted)
        {
            if (!WaitUntilQuiet(task))
            {
                ForcedSteps++;
            }

            if (task.IsCompleted)
            {
                break;
            }

            time.Advance(step);
            Steps++;
        }

        return task.GetAwaiter().GetResult();
    }

    private static bool WaitUntilQuiet(Task task)
    {
        var started = Stopwatch.GetTimestamp();
        var quietWindows = 0;
        while (!task.IsCompleted && Stopwatch.GetElapsedTime(started) < MaxWait)
        {
            var work = ThreadPool.CompletedWorkItemCount;
            var cpu = Environment.CpuUsage.TotalTime;
            var wall = Stopwatch.GetTimestamp();
            Thread.Sleep(Window);
            var busy = Environment.CpuUsage.TotalTime - cpu;
            var quiet = ThreadPool.PendingWorkItemCount == 0 && ThreadPool.CompletedWorkItemCount == work && busy < Stopwatch.GetElapsedTime(wall) * 0.1;
            quietWindows = quiet ? quietWindows + 1 : 0;
            if (quietWindows == 2)
            {
                return true;
            }
        }

        return task.IsCompleted;
    }
}
