using System.Globalization;

namespace Pikumo.ImageGen.Sequences.Judging;

/// <summary>
/// A judge's answer about one frame (see <see cref="IFrameJudge"/>), and, once the runner has recorded it, which roll
/// and variant it was about and whether that image was kept.
/// </summary>
public sealed record FrameJudgement
{
    /// <summary>Accept, reject or score.</summary>
    public FrameVerdict Verdict { get; init; }

    /// <summary>The score of a <see cref="FrameVerdict.Scored"/> judgement (higher is better; the judge chooses the scale); <see langword="null"/> otherwise.</summary>
    public double? Score { get; init; }

    /// <summary>Why, in a few words (recorded in the manifest and shown in reports).</summary>
    public string? Reason { get; init; }

    /// <summary>The judge's <see cref="IFrameJudge.Name"/>; the runner fills it in when the judge leaves it empty.</summary>
    public string? Judge { get; init; }

    /// <summary>Which paid call of the frame the judged image came from: 1 for the first, 2 for the first re-roll… Set by the runner.</summary>
    public int Roll { get; init; } = 1;

    /// <summary>The 0-based variant of a best-of-n call (0 when the call asked for one image). Set by the runner.</summary>
    public int Variant { get; init; }

    /// <summary>Whether the runner kept this image as the frame. Set by the runner.</summary>
    public bool Kept { get; init; }

    /// <summary>Whether the frame was rejected (by the judge, or by a score below <see cref="FrameJudging.MinimumScore"/>).</summary>
    public bool IsRejected => Verdict == FrameVerdict.Rejected;

    /// <summary>Keep the frame.</summary>
    /// <param name="reason">Why, optionally.</param>
    /// <returns>The judgement.</returns>
    public static FrameJudgement Accept(string? reason = null) => new() { Verdict = FrameVerdict.Accepted, Reason = reason };

    /// <summary>Do not keep the frame; the runner re-rolls it while the budget allows.</summary>
    /// <param name="reason">Why, for the manifest and the report.</param>
    /// <returns>The judgement.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is empty.</exception>
    public static FrameJudgement Reject(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new() { Verdict = FrameVerdict.Rejected, Reason = reason };
    }

    /// <summary>Scores the frame (higher is better).</summary>
    /// <param name="score">The score; a finite number.</param>
    /// <param name="reason">Why, optionally.</param>
    /// <returns>The judgement.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="score"/> is not a finite number.</exception>
    public static FrameJudgement Scored(double score, string? reason = null)
    {
        if (!double.IsFinite(score))
        {
            throw new ArgumentOutOfRangeException(nameof(score), score, "A score must be a finite number.");
        }

        return new() { Verdict = FrameVerdict.Scored, Score = score, Reason = reason };
    }

    /// <summary>One line: verdict, score, judge and reason, for example <c>rejected (0.41) by simulator-identity: identity drift</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"{Verdict.ToString().ToLowerInvariant()}{(Score is { } s ? string.Create(CultureInfo.InvariantCulture, $" ({s:0.###})") : string.Empty)}{(Judge is null ? string.Empty : $" by {Judge}")}{(Reason is null ? string.Empty : $": {Reason}")}";
}
