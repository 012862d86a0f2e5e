namespace Pikumo.ImageGen.Sequences;

/// <summary>One frame of a sequence and its provenance: which beat and chunk, which tier, made from which references, by which request, at what cost.</summary>
public sealed partial class SequenceFrame
{
    /// <summary>The tier that made it.</summary>
    public required SequenceTier Tier { get; init; }

    /// <summary>The 0-based index of its beat in the request.</summary>
    public required int BeatIndex { get; init; }

    /// <summary>The beat.</summary>
    public required Specs.Scene Beat { get; init; }

    /// <summary>The 0-based chunk.</summary>
    public required int Chunk { get; init; }

    /// <summary>Done, failed, outcome unknown or left for the budget.</summary>
    public SequenceFrameStatus Status { get; init; } = SequenceFrameStatus.Done;

    /// <summary>The image (null when failed).</summary>
    public GeneratedImage? Image { get; init; }

    /// <summary>The frame's file (null when failed).</summary>
    public string? FilePath { get; init; }

    /// <summary>The images the call was made from, in order (for example <c>reference 1: photo of Mia</c>, <c>frame 7</c>).</summary>
    public IReadOnlyList<string> References { get; init; } = [];

    /// <summary>The provider's request id (for the preview tier, the composite's).</summary>
    public string? RequestId { get; init; }

    /// <summary>Token usage (for the preview tier, the composite's, shared by its panels).</summary>
    public ImageUsage? Usage { get; init; }

    /// <summary>What the frame cost (for the preview tier, its share of the composite).</summary>
    public ImageCost? Cost { get; init; }

    /// <summary>How long its call took.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The composite panel it was cut from (preview tier), for example <c>panel_3</c>.</summary>
    public string? Panel { get; init; }

    /// <summary>
    /// Whether an earlier run paid for it, not this one: reused from the manifest, adopted from a file a killed run had
    /// received but not finished writing, or fetched from fal by the job id the journal recorded.
    /// </summary>
    public bool FromManifest { get; init; }

    /// <summary>Whether an earlier call for this frame (or its composite) may have been billed too: it was made again under <see cref="UnknownOutcomePolicy.Regenerate"/>.</summary>
    public bool PossiblyBilledTwice { get; init; }

    /// <summary>Why it failed, or why its outcome is unknown.</summary>
    public string? Error { get; init; }
}
