using Microsoft.Extensions.Time.Testing;

namespace Pikumo.ImageGen.Tests.Infrastructure;

/// <summary>
/// A fake clock that also tells a test when code starts waiting on it: each timer scheduled with a finite due time is
/// recorded, and a test awaits the n-th one that matches before it advances the clock. Nothing waits on real time.
/// </summary>
public sealed class WatchedTimeProvider : FakeTimeProvider
{
    private readonly List<TimeSpan> _scheduled = [];
    private readonly List<(Func<TimeSpan, bool> Match, int Count, TaskCompletionSource<TimeSpan> Done)> _waiters = [];
    private readonly Lock _lock = new();

    /// <summary>A clock at <see cref="FakeTimeProvider"/>'s default start.</summary>
    public WatchedTimeProvider()
    {
    }

    /// <summary>A clock at <paramref name="start"/>.</summary>
    public WatchedTimeProvider(DateTimeOffset start)
        : base(start)
    {
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new WatchedTimer(base.CreateTimer(callback, state, dueTime, period), this);
        Scheduled(dueTime);
        return timer;
    }

    /// <summary>
    /// Completes with the due time of the <paramref name="count"/>-th timer (counted since the clock was made) whose
    /// due time matches; at once if that many were already scheduled.
    /// </summary>
    public Task<TimeSpan> WaitForTimerAsync(Func<TimeSpan, bool> match, int count = 1)
    {
        var done = new TaskCompletionSource<TimeSpan>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            var seen = _scheduled.Where(match).Take(count).ToList();
            if (seen.Count == count)
            {
                done.SetResult(seen[^1]);
            }
            else
            {
                _waiters.Add((match, count, done));
            }
        }

        // A wait that is given up (the call ended first) times out later: observe that, so it never surfaces as an
        // unobserved task exception in another test (LoadTests counts them).
        var wait = done.Task.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        _ = wait.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return wait;
    }

    /// <summary>Completes when a timer due in exactly <paramref name="dueTime"/> has been scheduled <paramref name="count"/> times.</summary>
    public Task<TimeSpan> WaitForTimerAsync(TimeSpan dueTime, int count = 1) => WaitForTimerAsync(due => due == dueTime, count);

    /// <summary>
    /// Advances the clock by each matching timer's due time as it is scheduled, until <paramref name="call"/> ends or
    /// <paramref name="maxSteps"/> steps were taken: a loop that moves time only when the code under test waits on it.
    /// </summary>
    /// <returns>How many steps were taken.</returns>
    public async Task<int> AdvanceWhileWaitingAsync(Task call, Func<TimeSpan, bool> match, int maxSteps = 10_000)
    {
        var steps = 0;
        while (!call.IsCompleted && steps < maxSteps)
        {
            var next = WaitForTimerAsync(match, steps + 1);
            if (await Task.WhenAny(call, next) == call)
            {
                break;
            }

            Advance(await next);
            steps++;
        }

        return steps;
    }

    private void Scheduled(TimeSpan dueTime)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        List<TaskCompletionSource<TimeSpan>> ready = [];
        lock (_lock)
        {
            _scheduled.Add(dueTime);
            foreach (var waiter in _waiters.ToArray())
            {
                if (_scheduled.Count(waiter.Match) >= waiter.Count)
                {
                    ready.Add(waiter.Done);
                    _waiters.Remove(waiter);
                }
            }
        }

        foreach (var done in ready)
        {
            done.TrySetResult(dueTime);
        }
    }

    private sealed class WatchedTimer(ITimer inner, WatchedTimeProvider clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            clock.Scheduled(dueTime);
            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
