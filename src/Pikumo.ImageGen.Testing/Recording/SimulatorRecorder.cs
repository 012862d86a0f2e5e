using System.Collections;
using System.Text;

namespace Pikumo.ImageGen.Testing;

/// <summary>
/// Every request an <see cref="ImageGenSimulator"/> received, in arrival order, parsed for assertions.
/// Thread-safe; enumerating takes a snapshot.
/// </summary>
public sealed class SimulatorRecorder : IReadOnlyList<RecordedRequest>
{
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<(Func<SimulatorRecorder, bool> Condition, TaskCompletionSource Done)> _waiters = [];
    private readonly List<SentImage> _sent = [];
    private readonly Lock _lock = new();

    internal SimulatorRecorder()
    {
    }

    /// <summary>How many requests were recorded.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _requests.Count;
            }
        }
    }

    /// <summary>The image calls only (edits, generations, fal runs and submits), in order.</summary>
    public IReadOnlyList<RecordedRequest> ImageCalls => Snapshot().Where(r => r.IsImageCall).ToArray();

    /// <summary>
    /// Every final image the simulator answered with, in the order it made them, with the exact bytes and their SHA-256:
    /// what a test compares saved files with to prove they are the provider's bytes.
    /// </summary>
    public IReadOnlyList<SentImage> SentImages
    {
        get
        {
            lock (_lock)
            {
                return [.. _sent];
            }
        }
    }

    /// <summary>The last request, or <see langword="null"/> when none arrived.</summary>
    public RecordedRequest? Last
    {
        get
        {
            lock (_lock)
            {
                return _requests.Count == 0 ? null : _requests[^1];
            }
        }
    }

    /// <summary>A request by arrival position (within what is kept since the last <see cref="Clear"/>).</summary>
    /// <param name="index">The position.</param>
    public RecordedRequest this[int index]
    {
        get
        {
            lock (_lock)
            {
                return _requests[index];
            }
        }
    }

    /// <summary>The requests that reached a route.</summary>
    /// <param name="route">The route.</param>
    /// <returns>The requests, in order.</returns>
    public IReadOnlyList<RecordedRequest> For(SimulatorRoute route) => Snapshot().Where(r => r.Route == route).ToArray();

    /// <summary>
    /// Completes when <paramref name="condition"/> holds, checked now and again each time a request arrives, starts
    /// waiting on the clock, or is answered: a test waits for the simulator's state instead of for real time, then
    /// advances a fake clock.
    /// </summary>
    /// <param name="condition">What to wait for, e.g. <c>r =&gt; r.Last?.IsWaiting == true</c>.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when the condition holds.</returns>
    public Task WaitForAsync(Func<SimulatorRecorder, bool> condition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            _waiters.Add((condition, done));
        }

        Changed();
        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Completes when at least <paramref name="count"/> image calls are waiting out their simulated latency on the clock.</summary>
    /// <param name="count">How many calls.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>A task that completes when that many calls wait; advancing a fake clock from then on moves them.</returns>
    public Task WaitForWaitingCallsAsync(int count = 1, CancellationToken cancellationToken = default) =>
        WaitForAsync(r => r.ImageCalls.Count(c => c.IsWaiting) >= count, cancellationToken);

    /// <summary>Forgets what was recorded (request indices keep counting).</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _requests.Clear();
            _sent.Clear();
        }
    }

    /// <inheritdoc />
    public IEnumerator<RecordedRequest> GetEnumerator() => ((IEnumerable<RecordedRequest>)Snapshot()).GetEnumerator();

    /// <inheritdoc />
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Every request, one block each, credentials redacted.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var snapshot = Snapshot();
        return snapshot.Length == 0 ? "(no requests)" : new StringBuilder().AppendJoin('\n', snapshot.Select(r => r.ToString())).ToString();
    }

    internal void Add(RecordedRequest request)
    {
        request.Owner = this;
        lock (_lock)
        {
            _requests.Add(request);
        }

        Changed();
    }

    /// <summary>Re-checks the waiters' conditions outside the lock, so a condition may read the recorder.</summary>
    internal void Changed()
    {
        (Func<SimulatorRecorder, bool> Condition, TaskCompletionSource Done)[] waiters;
        lock (_lock)
        {
            if (_waiters.Count == 0)
            {
                return;
            }

            waiters = [.. _waiters];
        }

        foreach (var waiter in waiters)
        {
            if (waiter.Done.Task.IsCompleted || waiter.Condition(this))
            {
                waiter.Done.TrySetResult();
                lock (_lock)
                {
                    _waiters.Remove(waiter);
                }
            }
        }
    }

    internal void AddSent(SentImage image)
    {
        lock (_lock)
        {
            _sent.Add(image);
        }
    }

    private RecordedRequest[] Snapshot()
    {
        lock (_lock)
        {
            return [.. _requests];
        }
    }
}
