namespace Pikumo.ImageGen.Sequences;

/// <summary>
/// The run's spend cap (<see cref="SequenceRequest.BudgetUsd"/>): a call is started only when its estimate fits in what
/// is left after the calls that finished (their actual cost) and the calls in flight (their estimate). A call whose
/// outcome is unknown keeps its estimate spent: it may have been billed.
/// </summary>
internal sealed class SequenceBudget
{
    private readonly Lock _lock = new();
    private readonly decimal? _limit;
    private readonly decimal _plannedPerCall;
    private decimal _committed;
    private decimal _dearest;

    public SequenceBudget(decimal? limit, decimal plannedPerCall)
    {
        _limit = limit;
        _plannedPerCall = plannedPerCall;
    }

    public static SequenceBudget Unlimited { get; } = new(null, 0m);

    /// <summary>What the run has committed: actual costs of finished calls plus estimates of the rest.</summary>
    public decimal Committed
    {
        get
        {
            lock (_lock)
            {
                return _committed;
            }
        }
    }

    /// <summary>Reserves one call's estimate, or returns <see langword="null"/> when it would pass the limit.</summary>
    public decimal? TryReserve()
    {
        lock (_lock)
        {
            var estimate = Math.Max(_plannedPerCall, _dearest);
            if (_limit is { } limit && _committed + estimate > limit)
            {
                return null;
            }

            _committed += estimate;
            return estimate;
        }
    }

    /// <summary>Replaces a call's reservation with its actual cost (or frees it when the call surely did not run).</summary>
    public void Settle(decimal reserved, decimal actual)
    {
        lock (_lock)
        {
            _committed += actual - reserved;
            _dearest = Math.Max(_dearest, actual);
        }
    }
}
