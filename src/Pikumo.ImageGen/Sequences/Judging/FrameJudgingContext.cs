using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Sequences.Judging;

/// <summary>What a judge is shown: one finished frame, the references its call was made from, and its beat.</summary>
public readonly record struct FrameJudgingContext
{
    /// <summary>The frame (one variant of a best-of-n call, or one panel of a preview composite).</summary>
    public required GeneratedImage Image { get; init; }

    /// <summary>The beat the frame shows.</summary>
    public required Scene Beat { get; init; }

    /// <summary>The 0-based index of the beat in the request.</summary>
    public required int BeatIndex { get; init; }

    /// <summary>The 0-based chunk.</summary>
    public int Chunk { get; init; }

    /// <summary>The tier that made it.</summary>
    public SequenceTier Tier { get; init; }

    /// <summary>The images the call was made from, in the order they were sent (the beat's cast, then any continuity frame).</summary>
    public IReadOnlyList<FrameReference> References { get; init; }

    /// <summary>The size the frame was asked for: the final tier's size, or the panel's size inside a preview composite.</summary>
    public ImageSize RequestedSize { get; init; }

    /// <summary>The composite panel a preview frame was cut from, for example <c>panel_3</c>; <see langword="null"/> in the final tier.</summary>
    public string? Panel { get; init; }

    /// <summary>Which paid call of the frame this is: 1 for the first, 2 for the first re-roll…</summary>
    public int Roll { get; init; }

    /// <summary>The 0-based variant of a best-of-n call.</summary>
    public int Variant { get; init; }

    /// <summary>How many variants the call asked for (<see cref="FrameJudging.Variants"/>).</summary>
    public int Variants { get; init; }
}
