namespace Pikumo.ImageGen.Testing.Internal;

/// <summary>Where a fal job is.</summary>
internal enum FalPhase
{
    InQueue,
    InProgress,
    Completed,
}

/// <summary>One item of fal's 422 <c>detail</c> list: <c>loc</c> (strings and indexes), <c>msg</c>, <c>type</c>.</summary>
internal sealed record FalDetail(IReadOnlyList<object> Loc, string Msg, string Type);

/// <summary>
/// A queued fal job. Its phase is a function of the simulator's clock (no background work): <c>IN_QUEUE</c> for
/// the queue wait, <c>IN_PROGRESS</c> for the run time, then <c>COMPLETED</c> — unless it never completes or
/// was cancelled.
/// </summary>
internal sealed class FalJob
{
    private readonly Lock _lock = new();
    private byte[]? _output;

    public required string Id { get; init; }

    /// <summary><c>owner/alias</c>: status, result and cancel URLs carry no sub-path.</summary>
    public required string App { get; init; }

    public required Uri Origin { get; init; }

    /// <summary>The endpoint id the job was submitted to (what the request history filters by).</summary>
    public string Endpoint { get; init; } = string.Empty;

    /// <summary>The submitted JSON input, kept for the request history unless the submission said <c>X-Fal-Store-IO: 0</c>.</summary>
    public string? StoredInput { get; init; }

    /// <summary>When the job ended: completed, failed or cancelled; <see langword="null"/> while it runs.</summary>
    public DateTimeOffset? EndedAt(DateTimeOffset now) =>
        Phase(now) != FalPhase.Completed ? null : CancelledAt is { } cancelled && cancelled < SubmittedAt + QueueWait + RunTime ? cancelled : SubmittedAt + QueueWait + RunTime;

    public required DateTimeOffset SubmittedAt { get; init; }

    public required TimeSpan QueueWait { get; init; }

    public required TimeSpan RunTime { get; init; }

    public required int Ahead { get; init; }

    /// <summary>The work, when the input was valid.</summary>
    public ImageJob? Job { get; init; }

    /// <summary>What the result replays when the job failed (invalid input, content policy, an injected failure).</summary>
    public Func<SimulatorResponse>? Failure { get; init; }

    /// <summary>The <c>error</c> the status shows for a failed job.</summary>
    public string? FailureText { get; init; }

    public bool NeverCompletes { get; init; }

    public DateTimeOffset? CancelledAt { get; private set; }

    public string StatusUrl => new Uri(Origin, $"{RouteMatch.FalQueuePrefix}{App}/requests/{Id}/status").AbsoluteUri;

    public string ResponseUrl => new Uri(Origin, $"{RouteMatch.FalQueuePrefix}{App}/requests/{Id}").AbsoluteUri;

    public string CancelUrl => new Uri(Origin, $"{RouteMatch.FalQueuePrefix}{App}/requests/{Id}/cancel").AbsoluteUri;

    public FalPhase Phase(DateTimeOffset now)
    {
        if (CancelledAt is { } cancelled && now >= cancelled)
        {
            return FalPhase.Completed;
        }

        var elapsed = now - SubmittedAt;
        return elapsed < QueueWait ? FalPhase.InQueue
            : NeverCompletes || elapsed < QueueWait + RunTime ? FalPhase.InProgress
            : FalPhase.Completed;
    }

    /// <summary>Jobs of this simulator's own that are ahead count too; the rest of the queue drains linearly over the wait.</summary>
    public int QueuePosition(DateTimeOffset now, int ownJobsAhead)
    {
        if (QueueWait <= TimeSpan.Zero)
        {
            return ownJobsAhead;
        }

        var remaining = 1 - ((now - SubmittedAt) / QueueWait);
        return ownJobsAhead + (int)Math.Ceiling(Math.Clamp(remaining, 0, 1) * Ahead);
    }

    public void Cancel(DateTimeOffset now) => CancelledAt ??= now;

    /// <summary>The output JSON, made once.</summary>
    public byte[] Output(Func<byte[]> make)
    {
        lock (_lock)
        {
            return _output ??= make();
        }
    }
}
