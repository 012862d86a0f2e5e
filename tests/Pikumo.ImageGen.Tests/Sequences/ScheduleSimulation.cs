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
    /// The bound under a limit of <paramref name="limit"/> calls at once: no chunk j starts before the chained calls
    /// before it have ended one after another (R_j), and from then on the frames of chunks j and after cannot take less
    /// than their slowest call in chunk j, nor less than all their calls' time spread over <paramref name="limit"/>
    /// slots: max over j of R_j + max(slowest of chunk j, work of chunks j.. ÷ limit). With room for every frame of two
    /// chunks it is the critical-path bound (<see cref="Bound"/>) in practice; with a limit of one chunk's frames the
    /// work term rules.
    /// </summary>
    public static TimeSpan BoundUnderLimit(IReadOnlyList<IReadOnlyList<TimeSpan>> latencies, int limit)
    {
        var release = TimeSpan.Zero;
        var bound = TimeSpan.Zero;
        for (var j = 0; j < latencies.Count; j++)
        {
            var work = TimeSpan.FromTicks(latencies.Skip(j).Sum(c => c.Sum(l => l.Ticks)) / limit);
            var slowest = latencies[j].Max();
            var candidate = release + (work > slowest ? work : slowest);
            bound = candidate > bound ? candidate : bound;
            release += latencies[j][^1];
        }

        return bound;
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

    /// <summary>
    /// How many calls a final-tier run on the simulator has in flight once <c>finished</c> calls have been answered, for
    /// <see cref="Infrastructure.FakeClockDriver.DriveAsync"/>: the runner's own schedule replayed on the latencies the
    /// recorder shows (a call not recorded yet ends after every recorded one). Calls that end at the same instant are
    /// one step: while any of them is unanswered, the count is the one after all of them landed and the calls they
    /// let start went out, so the clock never moves while the runner still has calls to send at this instant.
    /// </summary>
    /// <param name="recorder">The simulator's recorder.</param>
    /// <param name="story">The request (its beats, chunk size and <see cref="SequenceRequest.MaxParallelFrames"/>).</param>
    /// <param name="clientLimit">The client's <see cref="ImageGenOptions.MaxConcurrentCalls"/>.</param>
    public static Func<int, int> InFlight(SimulatorRecorder recorder, SequenceRequest story, int clientLimit = 8)
    {
        var chunks = SequenceChunks.Split(story.Beats.Count, story.ChunkSize);
        var beats = story.Beats.Select((b, i) => (b.Beat, i)).ToDictionary(b => b.Beat, b => b.i, StringComparer.Ordinal);
        return finished =>
        {
            var latencies = new Dictionary<int, TimeSpan>();
            foreach (var call in recorder.ImageCalls.Where(c => c.SimulatedLatency is not null))
            {
                using var prompt = System.Text.Json.JsonDocument.Parse(call.Prompt!);
                latencies[beats[prompt.RootElement.GetProperty("scene").GetProperty("beat").GetString()!]] = call.SimulatedLatency!.Value;
            }

            var schedule = new SequenceSchedule([.. chunks.Select(c => c.Count)], story.MaxParallelFrames, clientLimit);
            var running = new List<(int Chunk, int Unit, TimeSpan End)>();
            var now = TimeSpan.Zero;
            var answered = 0;
            Start();
            while (answered < finished)
            {
                // The next step: every call ending at the earliest known end (ties land together).
                var next = running.Select(r => r.End).DefaultIfEmpty(TimeSpan.MaxValue).Min();
                if (next == TimeSpan.MaxValue)
                {
                    break;
                }

                now = next;
                foreach (var done in running.Where(r => r.End == next).ToArray())
                {
                    running.Remove(done);
                    schedule.Settled(done.Chunk, done.Unit, chainable: true);
                    answered++;
                }

                Start();
            }

            return schedule.InFlight;

            void Start()
            {
                foreach (var (chunk, unit) in schedule.Take())
                {
                    running.Add((chunk, unit, latencies.TryGetValue(chunks[chunk].Start + unit, out var latency) ? now + latency : TimeSpan.MaxValue));
                }
            }
        };
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
