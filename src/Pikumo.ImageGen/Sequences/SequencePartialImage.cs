namespace Pikumo.ImageGen.Sequences;

/// <summary>A partial image of a final frame, as the provider streamed it (see <see cref="SequenceRequest.PartialImages"/>).</summary>
public sealed class SequencePartialImage
{
    /// <summary>The beat's index in the request (0-based).</summary>
    public required int BeatIndex { get; init; }

    /// <summary>The chunk the frame belongs to (0-based).</summary>
    public required int Chunk { get; init; }

    /// <summary>The provider's 0-based index of this partial image.</summary>
    public required int PartialImageIndex { get; init; }

    /// <summary>The partial image; not saved, not journaled.</summary>
    public required GeneratedImage Image { get; init; }

    /// <summary>Time since the frame's call started.</summary>
    public TimeSpan Elapsed { get; init; }
}
