namespace Pikumo.ImageGen.Sequences.Judging;

/// <summary>
/// A judge from a delegate: the place to call a face-similarity service, a vision model or your own rules without
/// writing a class (see <c>docs/sequences.md</c>, "A judge for every frame").
/// </summary>
public sealed class CallbackFrameJudge : IFrameJudge
{
    private readonly Func<FrameJudgingContext, CancellationToken, ValueTask<FrameJudgement>> _judge;

    /// <summary>Creates the judge.</summary>
    /// <param name="name">The name recorded with its judgements.</param>
    /// <param name="judge">The judgement.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="judge"/> is null.</exception>
    public CallbackFrameJudge(string name, Func<FrameJudgingContext, CancellationToken, ValueTask<FrameJudgement>> judge)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(judge);
        Name = name;
        _judge = judge;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public ValueTask<FrameJudgement> JudgeAsync(FrameJudgingContext context, CancellationToken cancellationToken) => _judge(context, cancellationToken);
}
