namespace Pikumo.ImageGen.Sequences.Judging;

/// <summary>The judges that need no model, and a way to combine judges.</summary>
public static class FrameJudges
{
    /// <summary>
    /// The image is a whole PNG, JPEG or WEBP (header and end present) of the size that was asked for (see
    /// <see cref="WellFormedImageJudge"/>).
    /// </summary>
    public static IFrameJudge WellFormed { get; } = new WellFormedImageJudge();

    /// <summary>A judge from a delegate, for example a face-similarity service or your own checks (see <see cref="CallbackFrameJudge"/>).</summary>
    /// <param name="name">The name recorded with its judgements.</param>
    /// <param name="judge">The judgement.</param>
    /// <returns>The judge.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="judge"/> is null.</exception>
    public static IFrameJudge FromCallback(string name, Func<FrameJudgingContext, CancellationToken, ValueTask<FrameJudgement>> judge) => new CallbackFrameJudge(name, judge);

    /// <summary>
    /// Runs judges in order: the first rejection is the answer (the rest are not asked); otherwise the lowest score of
    /// those that scored, or an accept when none did. Put the cheap checks first.
    /// </summary>
    /// <param name="judges">The judges; at least one.</param>
    /// <returns>The combined judge.</returns>
    /// <exception cref="ArgumentException">No judge, or a null one.</exception>
    public static IFrameJudge All(params IFrameJudge[] judges)
    {
        ArgumentNullException.ThrowIfNull(judges);
        if (judges.Length == 0 || Array.Exists(judges, j => j is null))
        {
            throw new ArgumentException("Give at least one judge, and no null ones.", nameof(judges));
        }

        return judges.Length == 1 ? judges[0] : new AllJudges([.. judges]);
    }

    private sealed class AllJudges(IFrameJudge[] judges) : IFrameJudge
    {
        public string Name { get; } = string.Join("+", judges.Select(j => j.Name));

        public async ValueTask<FrameJudgement> JudgeAsync(FrameJudgingContext context, CancellationToken cancellationToken)
        {
            FrameJudgement? lowest = null;
            var reasons = new List<string>();
            foreach (var judge in judges)
            {
                var judgement = await judge.JudgeAsync(context, cancellationToken).ConfigureAwait(false) ?? throw new InvalidOperationException($"The judge '{judge.Name}' returned no judgement.");
                judgement = judgement with { Judge = judgement.Judge ?? judge.Name };
                if (judgement.IsRejected)
                {
                    return judgement;
                }

                if (judgement.Reason is { } reason)
                {
                    reasons.Add($"{judgement.Judge}: {reason}");
                }

                if (judgement.Score is { } score && (lowest?.Score is not { } low || score < low))
                {
                    lowest = judgement;
                }
            }

            var reasonText = reasons.Count > 0 ? string.Join("; ", reasons) : null;
            return lowest is null ? FrameJudgement.Accept(reasonText) with { Judge = Name } : lowest with { Reason = reasonText, Judge = Name };
        }
    }
}
