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
}
