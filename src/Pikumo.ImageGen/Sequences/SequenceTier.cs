namespace Pikumo.ImageGen.Sequences;

/// <summary>How a sequence's frames are made.</summary>
public enum SequenceTier
{
    /// <summary>The cheap preview: one storyboard composite per chunk (8 beats for the price and time of one image), sliced into frames.</summary>
    Preview,

    /// <summary>The album: one call per frame at higher quality, the frames of a chunk in parallel.</summary>
    Final,
}
