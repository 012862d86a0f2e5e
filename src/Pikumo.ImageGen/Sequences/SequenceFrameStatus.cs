namespace Pikumo.ImageGen.Sequences;

/// <summary>What happened to a frame.</summary>
public enum SequenceFrameStatus
{
    /// <summary>Made (in this run, or reused from the manifest of an earlier one).</summary>
    Done,

    /// <summary>Every attempt failed; the rest of the sequence went on, and a rerun from the manifest retries it.</summary>
    Failed,
}
