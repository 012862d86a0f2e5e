using Microsoft.Extensions.Time.Testing;
using Pikumo.ImageGen.Planning;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Tests.Sequences;

/// <summary>
/// Runs the runner's own <see cref="SequenceSchedule"/> on a fake clock with given call latencies: start what the
/// schedule allows, advance the clock to the next call's end, tell the schedule, repeat. Deterministic, no threads.
/// </summary>
internal static class ScheduleSimulation
{
    /// <summary>The wall clock of a run whose unit (chunk, index) takes <c>latencies[chunk][index]</c>.</summary>
    public static TimeSpan WallClock(IReadOnlyList<IReadOnlyList<TimeSpan>> latencies, int maxPerChunk, int maxParallel, bool barrier, Func<int, int, bool>? chainable = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 5, 26, 9, 0, 0, TimeSpan.Zero));
        var start = time.GetUtcNow();
        var schedule = new SequenceSchedule([.. latencies.Select(c => c.Count)], maxPerChunk, maxParallel, barrier);
        var ends = new PriorityQueue<(int Chunk, int Unit), (DateTimeOffset End, int Order)>();
        var order = 0;
        while (true)
        {
            foreach (var (chunk, unit) in schedule.Take())
            {
                ends.Enqueue((chunk, unit), (time.GetUtcNow() + latencies[chunk][unit], order++));
            }

            if (!ends.TryDequeue(out var next, out var at))
            {
                break;
            }

            time.Advance(at.End - time.GetUtcNow());
            schedule.Settled(next.Chunk, next.Unit, chainable?.Invoke(next.Chunk, next.Unit) ?? true);
        }

        Assert.True(schedule.Finished);
        return time.GetUtcNow() - start;
    }

    /// <summary>
    /// The critical-path bound: chunk k can start no earlier than the sum of the chained calls before it, and a run
    /// ends no earlier than its slowest frame after its chunk's start (the last chunk's tail, or a straggler).
    /// </summary>
    public static TimeSpan Bound(IReadOnlyList<IReadOnlyList<TimeSpan>> latencies)
    {
        var chunkStart = TimeSpan.Zero;
        var end = TimeSpan.Zero;
        foreach (var chunk in latencies)
        {
            end = TimeSpan.FromTicks(Math.Max(end.Ticks, (chunkStart + chunk.Max()).Ticks));
            chunkStart += chunk[^1];
        }

        return end;
    }

    /// <summary>
    /// One seeded draw of every call's latency of a final-tier run at the library's defaults (high quality, 1024×1536,
    /// one photo; chunks after the first carry the chained frame too), through the simulator's own seeded variation at its default spread (p95 = 1.3 × median).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<TimeSpan>> FinalLatencies(SequenceRequest story, ulong seed)
    {
        var latency = new SimulatorLatency();
        var chunks = SequenceChunks.Split(story.Beats.Count, story.ChunkSize);
        return [.. chunks.Select((c, k) => (IReadOnlyList<TimeSpan>)[.. Enumerable.Range(c.Start, c.Count).Select(b =>
            latency.Vary(latency.Estimate(PlannedCalls.Final(story, story.Beats[b], chained: k > 0)), seed, $"final|{b}"))])];
    }

    /// <summary>The same for the preview tier: one storyboard composite per chunk.</summary>
    public static IReadOnlyList<IReadOnlyList<TimeSpan>> PreviewLatencies(SequenceRequest story, ulong seed)
    {
        var latency = new SimulatorLatency();
        var chunks = SequenceChunks.Split(story.Beats.Count, story.ChunkSize);
        return [.. chunks.Select((c, k) => (IReadOnlyList<TimeSpan>)[
            latency.Vary(latency.Estimate(PlannedCalls.Preview(story, [.. story.Beats.Skip(c.Start).Take(c.Count)], chained: k > 0)), seed, $"preview|{k}")])];
    }

    public static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        var rank = p * (sorted.Length - 1);
        var low = (int)Math.Floor(rank);
        var high = (int)Math.Ceiling(rank);
        return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
    }
}
