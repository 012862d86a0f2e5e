using Pikumo.ImageGen.Internal;

namespace Pikumo.ImageGen.Sequences;

/// <content>
/// Calls in flight, the heartbeat while they run, and the time left. The estimate is the plan's time per wave of calls
/// (the tier's planned wall clock over its waves) times the waves still to make, scaled by the pace measured so far
/// (the calls this run finished, against the plan's time for one call; a running call already slower than planned
/// raises it), less the time the running wave has had.
/// </content>
internal sealed partial class SequenceReporter
{
    private readonly Dictionary<JournalKey, (string Name, long Started)> _inFlight = [];
    private readonly HashSet<JournalKey> _toCall = [];
    private int[] _callsLeft = [];
    private int _referencesLeft;
    private int _parallel = 1;
    private TimeSpan _wave;
    private TimeSpan _measured;
    private int _measuredCalls;
    private bool _finished;

    /// <summary>What the run will call (from the journal's resolutions), then the first report: the plan.</summary>
    public void Planned(IReadOnlyDictionary<JournalKey, Resolution> resolutions)
    {
        lock (_lock)
        {
            _parallel = _run.Tier == SequenceTier.Final ? Math.Max(1, _run.Request.MaxParallelFrames) : 1;
            _callsLeft = new int[_run.Chunks.Count];
            foreach (var (key, resolution) in resolutions.Where(r => r.Value.Kind == ResolutionKind.Call))
            {
                _toCall.Add(key);
                _ = key.Kind == JournalList.References ? _referencesLeft++ : _callsLeft[key.Chunk]++;
            }

            var waves = resolutions.Keys.Count(k => k.Kind == JournalList.References) + _run.Chunks.Sum(c => Waves(_run.Tier == SequenceTier.Final ? c.Count : 1));
            _wave = waves > 0 ? _plan.WallClock / waves : TimeSpan.Zero;
        }

        var interval = _run.Options.ProgressInterval;
        if (_run.Options.Progress is not null && interval != Timeout.InfiniteTimeSpan)
        {
            _heartbeat = _timeProvider.CreateTimer(_ => Beat(), null, interval, interval);
        }

        Emit(SequenceProgressKind.RunPlanned, p => p);
    }

    /// <summary>A paid call starts; the listener hears the rest of it from the transport and the resilience pipeline.</summary>
    public IImageCallListener CallStarted(PaidUnit unit, Action<string?> sent)
    {
        lock (_lock)
        {
            _inFlight[unit.Key] = (unit.Name, _timeProvider.GetTimestamp());
        }

        Emit(SequenceProgressKind.CallStarted, p => p with { Call = unit.Name, Chunk = ChunkOf(unit) });
        return new CallListener(this, unit, sent);
    }

    /// <summary>The run's own retry of a call that surely did not run (<see cref="SequenceRequest.FrameAttempts"/>), at once.</summary>
    public void Retrying(PaidUnit unit, int attempt, string reason) => Retry(unit, TimeSpan.Zero, attempt, reason);

    private void Retry(PaidUnit unit, TimeSpan delay, int attempt, string reason)
    {
        var running = Running(unit);
        Emit(SequenceProgressKind.RetryWaiting, p => p with { Call = unit.Name, Chunk = ChunkOf(unit), RetryDelay = delay, Attempt = attempt, Reason = reason, CallElapsed = running });
    }

    private void CallSettled(PaidUnit unit, PaidOutcome outcome)
    {
        _inFlight.Remove(unit.Key);
        if (_toCall.Remove(unit.Key))
        {
            if (unit.Key.Kind == JournalList.References)
            {
                _referencesLeft = Math.Max(0, _referencesLeft - 1);
            }
            else
            {
                _callsLeft[unit.Key.Chunk] = Math.Max(0, _callsLeft[unit.Key.Chunk] - 1);
            }
        }

        if (outcome is { State: PaidState.Made, FromManifest: false } && unit.Key.Kind != JournalList.References && outcome.Elapsed > TimeSpan.Zero)
        {
            _measured += outcome.Elapsed;
            _measuredCalls++;
        }
    }

    private void FinishChunk(int chunk) => _callsLeft[chunk] = 0;

    private TimeSpan Remaining()
    {
        var planned = _plan.CallLatency;
        var pace = _measuredCalls > 0 && planned > TimeSpan.Zero ? _measured / (planned * _measuredCalls) : 1.0;
        var running = _inFlight.Count == 0 ? TimeSpan.Zero : _timeProvider.GetElapsedTime(_inFlight.Values.Min(c => c.Started));
        if (planned > TimeSpan.Zero)
        {
            pace = Math.Max(pace, running / planned);
        }

        var waves = _referencesLeft + _callsLeft.Sum(Waves);
        var left = (_wave * (waves * pace)) - running;
        return left > TimeSpan.Zero ? left : TimeSpan.Zero;
    }

    private int Waves(int calls) => (calls + _parallel - 1) / _parallel;

    private TimeSpan? Running(PaidUnit unit)
    {
        lock (_lock)
        {
            return _inFlight.TryGetValue(unit.Key, out var call) ? _timeProvider.GetElapsedTime(call.Started) : null;
        }
    }

    private static int? ChunkOf(PaidUnit unit) => unit.Key.Kind == JournalList.References ? null : unit.Key.Chunk;

    /// <summary>While calls run: the longest-running one against the plan, and the time left.</summary>
    private void Beat()
    {
        (string Name, long Started) oldest;
        lock (_lock)
        {
            if (_finished || _inFlight.Count == 0)
            {
                return;
            }

            oldest = _inFlight.Values.MinBy(c => c.Started);
        }

        Emit(SequenceProgressKind.Waiting, p => p with { Call = oldest.Name, CallElapsed = _timeProvider.GetElapsedTime(oldest.Started) });
    }

    private void StopHeartbeat()
    {
        lock (_lock)
        {
            _finished = true;
        }

        _heartbeat?.Dispose();
    }

    private sealed class CallListener(SequenceReporter reporter, PaidUnit unit, Action<string?> sent) : IImageCallListener
    {
        public void Sent(string? providerRequestId)
        {
            sent(providerRequestId);
            var running = reporter.Running(unit);
            reporter.Emit(SequenceProgressKind.CallSent, p => p with { Call = unit.Name, Chunk = ChunkOf(unit), RequestId = providerRequestId, CallElapsed = running });
        }

        public void Status(string status, int? queuePosition)
        {
            var running = reporter.Running(unit);
            reporter.Emit(SequenceProgressKind.CallStatus, p => p with { Call = unit.Name, Chunk = ChunkOf(unit), Status = status, QueuePosition = queuePosition, CallElapsed = running });
        }

        public void Retrying(TimeSpan delay, int attempt, string reason) => reporter.Retry(unit, delay, attempt, reason);
    }
}
