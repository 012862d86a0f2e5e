using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Tests.Infrastructure;

/// <summary>
/// Drives a fake clock through a run on the simulator without adding time of its own: it waits until no new call
/// has arrived for a moment (so every call of a parallel batch is on the clock), then advances exactly to the
/// earliest simulated completion. A busy machine slows the test down but does not change what it measures.
/// </summary>
public static class FakeClockDriver
{
    public static async Task DriveAsync(FakeTimeProvider time, SimulatorRecorder recorder, Task run, TimeSpan? limit = null)
    {
        var stable = Stopwatch.StartNew();
        var seen = -1;
        var deadline = Stopwatch.StartNew();
        while (!run.IsCompleted && deadline.Elapsed < (limit ?? TimeSpan.FromMinutes(2)))
        {
            await Task.Delay(10);
            var calls = recorder.ImageCalls;
            if (calls.Count != seen)
            {
                seen = calls.Count;
                stable.Restart();
                continue;
            }

            var waiting = calls.Where(c => c.SimulatedLatency is not null && c.StatusCode is null).ToArray();
            if (waiting.Length == 0 || stable.ElapsedMilliseconds < 100)
            {
                continue;
            }

            var next = waiting.Min(c => c.ReceivedAt + c.SimulatedLatency!.Value);
            var now = time.GetUtcNow();
            if (next > now)
            {
                time.Advance(next - now);
            }
        }
    }

    /// <summary>A step that does not come within this (real) time means the expected shape is wrong: fail, do not hang.</summary>
    private static readonly TimeSpan StepLimit = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Without waiting on real time: once <paramref name="inFlight"/>(calls answered so far) calls wait out their
    /// simulated latency (the recorder's signal), advance to the earliest of their completions; until
    /// <paramref name="run"/> ends. A busy machine cannot make it advance before a parallel batch is all on the clock.
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
            var first = await Task.WhenAny(run, ready).WaitAsync(StepLimit, TestContext.Current.CancellationToken);
            if (first == run)
            {
                await stop.CancelAsync();
                _ = ready.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                return;
            }

            await ready;
            var next = Waiting(recorder, time).Min();
            time.Advance(next - time.GetUtcNow());
        }
    }

    /// <summary>
    /// The calls a chunked run has in flight: chunks one after another, a chunk's calls at once (up to
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

    /// <summary>When each call that waits on the clock (and has not reached its end) completes.</summary>
    private static DateTimeOffset[] Waiting(SimulatorRecorder recorder, TimeProvider time)
    {
        var now = time.GetUtcNow();
        return [.. recorder.ImageCalls.Where(c => c.IsWaiting).Select(c => c.ReceivedAt + c.SimulatedLatency!.Value).Where(end => end > now)];
    }
}
