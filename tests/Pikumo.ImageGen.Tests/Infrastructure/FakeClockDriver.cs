using Microsoft.Extensions.Time.Testing;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Tests.Infrastructure;

/// <summary>
/// Drives a fake clock through a run on the simulator without adding time of its own and without waiting on real
/// time: each step waits for a signal (the recorder's "calls waiting on the clock", or the client's poll timers on a
/// <see cref="WatchedTimeProvider"/>) until as many calls wait as the run's shape says run at once, then advances
/// exactly to the earliest simulated completion (or by one poll interval on fal). A busy machine slows the test down
/// but does not change what it measures.
/// </summary>
public static class FakeClockDriver
{
    /// <summary>A step that does not come within this (real) time means the expected shape is wrong: fail, do not hang.</summary>
    private static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(2);

    /// <summary>
    /// OpenAI and Azure: once <paramref name="inFlight"/>(calls answered so far) calls wait out their simulated latency,
    /// advance to the earliest of their completions; until <paramref name="run"/> ends.
    /// </summary>
    public static async Task DriveAsync(FakeTimeProvider time, SimulatorRecorder recorder, Task run, Func<int, int> inFlight)
    {
        while (!run.IsCompleted)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            var ready = recorder.WaitForAsync(
                r =>
                {
                    var expected = inFlight(r.ImageCalls.Count(c => c.StatusCode is not null));
                    return expected > 0 && Waiting(r, time).Length >= expected;
                },
                stop.Token);
            if (!await StepAsync(run, ready, stop))
            {
                return;
            }

            var next = Waiting(recorder, time).Min();
            time.Advance(next - time.GetUtcNow());
        }
    }

    /// <summary>
    /// fal: the client polls each job's status on its own timer. Once every job in flight
    /// (<paramref name="inFlight"/>(results fetched so far)) has scheduled its next poll, advance by one interval.
    /// </summary>
    public static async Task DrivePollsAsync(WatchedTimeProvider time, SimulatorRecorder recorder, Task run, TimeSpan poll, Func<int, int> inFlight)
    {
        var polls = 0;
        while (!run.IsCompleted)
        {
            var expected = inFlight(recorder.For(SimulatorRoute.FalResult).Count);
            if (expected <= 0)
            {
                await run.WaitAsync(StepLimit, TestContext.Current.CancellationToken);
                return;
            }

            using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            var ready = time.WaitForTimerAsync(poll, polls + expected);
            if (!await StepAsync(run, ready, stop))
            {
                return;
            }

            polls += expected;
            time.Advance(poll);
        }
    }

    /// <summary>
    /// The calls a chunked run has in flight: chunks run one after another, a chunk's calls at once (up to
    /// <paramref name="parallel"/>); given how many calls have finished, how many run now.
    /// </summary>
    public static Func<int, int> Chunked(IReadOnlyList<int> chunkSizes, int parallel = int.MaxValue) => finished =>
    {
        foreach (var size in chunkSizes)
        {
            if (finished < size)
            {
                return Math.Min(parallel, size - finished);
            }

            finished -= size;
        }

        return 0;
    };

    /// <summary>One call at a time, <paramref name="calls"/> in all.</summary>
    public static Func<int, int> OneAtATime(int calls = 1) => Chunked([.. Enumerable.Repeat(1, calls)]);

    /// <summary>Completes with whether the step is ready (<see langword="false"/>: the run ended first).</summary>
    private static async Task<bool> StepAsync(Task run, Task ready, CancellationTokenSource stop)
    {
        var first = await Task.WhenAny(run, ready).WaitAsync(StepLimit, TestContext.Current.CancellationToken);
        if (first == run)
        {
            await stop.CancelAsync();
            _ = ready.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return false;
        }

        await ready;
        return true;
    }

    /// <summary>When each call that waits on the clock (and has not reached its end) completes.</summary>
    private static DateTimeOffset[] Waiting(SimulatorRecorder recorder, TimeProvider time)
    {
        var now = time.GetUtcNow();
        return [.. recorder.ImageCalls.Where(c => c.IsWaiting).Select(c => c.ReceivedAt + c.SimulatedLatency!.Value).Where(end => end > now)];
    }
}
