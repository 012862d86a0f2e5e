namespace Pikumo.ImageGen.Sequences;

/// <summary>
/// The order a run's paid units start in, as a plain state machine (no tasks, no clock), so the runner and the
/// scheduling tests drive the same code. A chunk's last unit is its <em>chained</em> unit: the next chunk carries its
/// frame as the continuity reference. Critical-path order: the chained unit of a released chunk (but the last) starts
/// before any other unit (it takes the first free slot under the concurrency limit), and chunk k+1 is released the moment chunk
/// k's chained unit lands with a frame, while chunk k's other units finish beside it. If the chained unit gives no
/// frame, chunk k+1 waits for the whole of chunk k (and chains from its latest frame, as before). Two limits: units of
/// one chunk in flight (<see cref="SequenceRequest.MaxParallelFrames"/>) and units of the run in flight (the client's
/// <see cref="ImageGenOptions.MaxConcurrentCalls"/>, so the chained unit never queues behind other frames at the
/// client's own gate). Barrier order, kept for comparison: every unit of chunk k settles before chunk k+1 starts,
/// units in beat order.
/// </summary>
internal sealed class SequenceSchedule
{
    private readonly int[] _units;
    private readonly int[] _settled;
    private readonly int[] _inFlight;
    private readonly bool[][] _started;
    private readonly int _maxParallel;
    private readonly int _maxPerChunk;
    private readonly bool _barrier;
    private int _released = 1;
    private int _chunksSettled;

    /// <summary>Creates a schedule.</summary>
    /// <param name="unitsPerChunk">Paid units per chunk, in order (final tier: the chunk's frames; preview: 1).</param>
    /// <param name="maxPerChunk">The most units of one chunk in flight at once.</param>
    /// <param name="maxParallel">The most units of the run in flight at once.</param>
    /// <param name="barrier">Use the barrier order (for comparison) instead of the critical path.</param>
    public SequenceSchedule(IReadOnlyList<int> unitsPerChunk, int maxPerChunk, int maxParallel, bool barrier = false)
    {
        ArgumentNullException.ThrowIfNull(unitsPerChunk);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerChunk, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxParallel, 1);
        _units = [.. unitsPerChunk];
        _settled = new int[_units.Length];
        _inFlight = new int[_units.Length];
        _maxPerChunk = maxPerChunk;
        _started = [.. _units.Select(n => new bool[n])];
        _maxParallel = maxParallel;
        _barrier = barrier;
    }

    /// <summary>Units started and not yet settled.</summary>
    public int InFlight { get; private set; }

    /// <summary>Chunks every unit of which has settled.</summary>
    public int ChunksSettled => _chunksSettled;

    /// <summary>Whether every unit of every chunk has settled.</summary>
    public bool Finished => _chunksSettled == _units.Length;

    /// <summary>Whether a unit is its chunk's chained unit.</summary>
    public bool IsChained(int chunk, int unit) => unit == _units[chunk] - 1;

    /// <summary>Marks the units to start now as started and returns them, the ones to send first first.</summary>
    public IReadOnlyList<(int Chunk, int Unit)> Take()
    {
        List<(int Chunk, int Unit)>? picked = null;
        while (InFlight < _maxParallel && Next() is { } next)
        {
            _started[next.Chunk][next.Unit] = true;
            _inFlight[next.Chunk]++;
            InFlight++;
            (picked ??= []).Add(next);
        }

        return picked ?? (IReadOnlyList<(int, int)>)[];
    }

    /// <summary>A started unit settled.</summary>
    /// <param name="chunk">Its chunk.</param>
    /// <param name="unit">Its index in the chunk.</param>
    /// <param name="chainable">Whether it made the frame the next chunk chains from (a frame that is done, with its image).</param>
    /// <returns>Whether this released the next chunk.</returns>
    public bool Settled(int chunk, int unit, bool chainable)
    {
        if (!_started[chunk][unit])
        {
            throw new InvalidOperationException($"Unit {unit} of chunk {chunk} settled without being started.");
        }

        InFlight--;
        _inFlight[chunk]--;
        var whole = ++_settled[chunk] == _units[chunk];
        if (whole)
        {
            _chunksSettled++;
        }

        if (chunk + 1 != _released || _released == _units.Length)
        {
            return false;
        }

        if (whole || (!_barrier && chainable && IsChained(chunk, unit)))
        {
            _released++;
            return true;
        }

        return false;
    }

    private (int Chunk, int Unit)? Next()
    {
        if (!_barrier)
        {
            // The last chunk chains into nothing: its frames go in beat order.
            for (var c = 0; c < Math.Min(_released, _units.Length - 1); c++)
            {
                var chained = _units[c] - 1;
                if (_inFlight[c] < _maxPerChunk && !_started[c][chained])
                {
                    return (c, chained);
                }
            }
        }

        for (var c = 0; c < _released; c++)
        {
            for (var u = 0; u < _units[c] && _inFlight[c] < _maxPerChunk; u++)
            {
                if (!_started[c][u])
                {
                    return (c, u);
                }
            }
        }

        return null;
    }
}
