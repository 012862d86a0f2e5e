namespace Pikumo.ImageGen.Testing;

/// <summary>
/// The fault script of an <see cref="ImageGenSimulator"/>: rules that pick requests (by index, by route, by a
/// predicate, or at random with a seeded generator) and the <see cref="SimulatedFault"/> each gets. Rules are
/// tried in the order they were added; the first that matches and has uses left wins. A rule whose fault means
/// nothing on a route (for example <see cref="SimulatedFault.InvalidBase64"/> on a fal status poll) skips it.
/// Thread-safe.
/// </summary>
public sealed class SimulatorFaults
{
    private readonly List<Rule> _rules = [];
    private readonly Lock _lock = new();
    private readonly Func<ulong> _seed;

    internal SimulatorFaults(Func<ulong> seed)
    {
        _seed = seed;
    }

    /// <summary>How many rules still have uses left.</summary>
    public int PendingRules
    {
        get
        {
            lock (_lock)
            {
                return _rules.Count(r => r.Remaining > 0);
            }
        }
    }

    /// <summary>Injects a fault into the request with this index (the <see cref="RecordedRequest.Index"/>, counting every request from 0).</summary>
    /// <param name="index">The request index.</param>
    /// <param name="fault">The fault.</param>
    /// <returns>This, to chain.</returns>
    public SimulatorFaults OnRequest(int index, SimulatedFault fault)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        return When(r => r.Index == index, fault, times: 1);
    }

    /// <summary>Injects a fault into the next <paramref name="times"/> requests on a route.</summary>
    /// <param name="route">The route.</param>
    /// <param name="fault">The fault.</param>
    /// <param name="times">How many requests; <see cref="int.MaxValue"/> for all.</param>
    /// <returns>This, to chain.</returns>
    public SimulatorFaults OnRoute(SimulatorRoute route, SimulatedFault fault, int times = 1) => When(r => r.Route == route, fault, times);

    /// <summary>Injects a fault into the next <paramref name="times"/> image calls, whatever the provider (edits, generations, fal runs and submits).</summary>
    /// <param name="fault">The fault.</param>
    /// <param name="times">How many calls; <see cref="int.MaxValue"/> for all.</param>
    /// <returns>This, to chain.</returns>
    public SimulatorFaults OnImageCalls(SimulatedFault fault, int times = 1) => When(r => r.IsImageCall, fault, times);

    /// <summary>
    /// Injects a fault into each matching request with a probability, drawn from a generator seeded with
    /// <see cref="SimulatorOptions.Seed"/>: the same requests in the same order fail the same way every run.
    /// </summary>
    /// <param name="probability">0 to 1.</param>
    /// <param name="fault">The fault.</param>
    /// <param name="route">Only this route, or every route the fault applies to.</param>
    /// <returns>This, to chain.</returns>
    public SimulatorFaults WithProbability(double probability, SimulatedFault fault, SimulatorRoute? route = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(probability, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(probability, 1.0);
        var random = new Random(unchecked((int)_seed() ^ (int)(_seed() >> 32) ^ _rules.Count));
        return Add(new Rule(r => route is null || r.Route == route, fault, int.MaxValue, random, probability));
    }

    /// <summary>Injects a fault into the next <paramref name="times"/> requests a predicate picks.</summary>
    /// <param name="predicate">Picks requests; it sees the parsed request (route, fields, images, headers).</param>
    /// <param name="fault">The fault.</param>
    /// <param name="times">How many requests; <see cref="int.MaxValue"/> for all.</param>
    /// <returns>This, to chain.</returns>
    public SimulatorFaults When(Func<RecordedRequest, bool> predicate, SimulatedFault fault, int times = int.MaxValue)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ArgumentOutOfRangeException.ThrowIfLessThan(times, 1);
        return Add(new Rule(predicate, fault, times, null, 1.0));
    }

    /// <summary>Removes every rule.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _rules.Clear();
        }
    }

    /// <summary>The fault for a request, using up one use of the rule that gave it.</summary>
    internal SimulatedFault? Next(RecordedRequest request)
    {
        lock (_lock)
        {
            foreach (var rule in _rules)
            {
                if (rule.Remaining <= 0 || !rule.Fault.AppliesTo(request.Route) || !rule.Predicate(request))
                {
                    continue;
                }

                if (rule.Random is { } random && random.NextDouble() >= rule.Probability)
                {
                    continue;
                }

                if (rule.Remaining != int.MaxValue)
                {
                    rule.Remaining--;
                }

                return rule.Fault;
            }

            return null;
        }
    }

    private SimulatorFaults Add(Rule rule)
    {
        ArgumentNullException.ThrowIfNull(rule.Fault, "fault");
        lock (_lock)
        {
            _rules.Add(rule);
        }

        return this;
    }

    private sealed class Rule(Func<RecordedRequest, bool> predicate, SimulatedFault fault, int times, Random? random, double probability)
    {
        public Func<RecordedRequest, bool> Predicate { get; } = predicate;

        public SimulatedFault Fault { get; } = fault;

        public int Remaining { get; set; } = times;

        public Random? Random { get; } = random;

        public double Probability { get; } = probability;
    }
}
