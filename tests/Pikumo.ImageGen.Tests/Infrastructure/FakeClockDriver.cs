using System.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Tests.Infrastructure;

/// <summary>
/// Drives a fake clock through a run on the simulator without adding time of its own: it waits until no new call
/// has arrived for a moment (so every call of a parallel batch is on the clock), then advances exactly to the
/// earliest simulated completion. A busy machine slows the test down but does not change what it measures.
/// With <c>landed</c> (frames the run has reported), it also waits until every answered call's frame has landed: a
/// sequence starts its next chunk's chained call while it still saves the chunk's other frames, and on a busy machine
/// saving can take longer than the quiet moment, so the clock would otherwise move before those frames' successors start.
/// </summary>
public static class FakeClockDriver
{
    public static async Task DriveAsync(FakeTimeProvider time, SimulatorRecorder recorder, Task run, TimeSpan? limit = null, Func<int>? landed = null)
    {
        var stable = Stopwatch.StartNew();
        var seen = -1;
        var deadline = Stopwatch.StartNew();
        while (!run.IsCompleted && deadline.Elapsed < (limit ?? TimeSpan.FromMinutes(2)))
        {
            await Task.Delay(10);
            var calls = recorder.ImageCalls;
            if (calls.Count != seen || (landed is not null && landed() < calls.Count(c => c.StatusCode is not null)))
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
}
