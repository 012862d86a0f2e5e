namespace Pikumo.ImageGen.Sequences.Judging;

/// <summary>
/// Looks at a finished frame before a sequence keeps it. The <see cref="SequenceRunner"/> calls the judge of
/// <see cref="SequenceRequest.Judging"/> for every frame it makes (every variant of a best-of-n call, every panel of a
/// preview composite) with the frame, the references it was made from and its beat. The answer is an accept, a reject
/// (the runner re-rolls the frame within <see cref="FrameJudging.MaxRerolls"/> and <see cref="FrameJudging.RerollBudgetUsd"/>)
/// or a score (with several variants, the best-scored one is kept). Every judgement is recorded in the manifest and
/// reported as progress.
/// </summary>
/// <remarks>
/// Judges run on the runner's threads, several at once for the frames of a chunk: keep them thread-safe. A judge that
/// calls a service (a face-similarity API, a vision model) should honour the token; an exception from a judge stops
/// the run like any other error (the frame it judged is paid for and already in the folder and the manifest).
/// </remarks>
public interface IFrameJudge
{
    /// <summary>A short name recorded with every judgement, for example <c>well-formed</c> or <c>face-similarity</c>.</summary>
    string Name { get; }

    /// <summary>Judges one frame.</summary>
    /// <param name="context">The frame, its references and its beat.</param>
    /// <param name="cancellationToken">Cancels the judgement.</param>
    /// <returns>Accept, reject or a score.</returns>
    ValueTask<FrameJudgement> JudgeAsync(FrameJudgingContext context, CancellationToken cancellationToken);
}
