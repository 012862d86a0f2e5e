using Pikumo.ImageGen.Sequences.Judging;

namespace Pikumo.ImageGen.Sequences;

/// <content>Stories that continue, and a judge for every frame.</content>
public sealed partial record SequenceRequest
{
    /// <summary>
    /// Where this story picks up: a frame of an earlier run (<see cref="SequenceContinuation.FromRunAsync"/>) or any image
    /// (<see cref="SequenceContinuation.FromImage"/>), sent as the first chunk's continuity reference after the photos.
    /// The run's manifest records it (<see cref="SequenceRunManifest.Continues"/>: run id, folder, tier, beat, file and hash);
    /// <see langword="null"/> for a story that starts afresh.
    /// </summary>
    public SequenceContinuation? ContinueFrom { get; init; }

    /// <summary>
    /// The judge every frame passes before it is kept, with the re-roll budget and best-of-n (see <see cref="FrameJudging"/>);
    /// <see langword="null"/> to keep every frame the provider returns.
    /// </summary>
    public FrameJudging? Judging { get; init; }
}
