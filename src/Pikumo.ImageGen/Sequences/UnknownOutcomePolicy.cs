namespace Pikumo.ImageGen.Sequences;

/// <summary>
/// What a run does with a frame (or preview composite) whose earlier call may have run and been billed but gave no
/// image: the process died during the call, the connection broke after the request was sent, or the answer could not
/// be read. A fal job with a recorded id is never subject to this: it is fetched by its id. Whatever the policy, such
/// a call is never made again within the run that made it.
/// </summary>
public enum UnknownOutcomePolicy
{
    /// <summary>Leave the frame as it is: it is reported with <see cref="SequenceFrameStatus.OutcomeUnknown"/> and no call is made. Nothing can be paid twice.</summary>
    Skip,

    /// <summary>Make the call again. The frame may be paid twice; it is counted in <see cref="SequenceRunResult.PossiblyBilledTwice"/>, the progress reports and the manifest.</summary>
    Regenerate,

    /// <summary>Throw an <see cref="InvalidOperationException"/> naming the frames before the run makes any paid call.</summary>
    Stop,
}
