namespace Pikumo.ImageGen.Sequences;

/// <content>Judgements and re-rolls.</content>
public sealed partial class SequenceRunResult
{
    /// <summary>Frames whose every image the judge rejected; each has the best of them as its file.</summary>
    public IReadOnlyList<SequenceFrame> Rejected => Frames.Where(f => f.Status == SequenceFrameStatus.Rejected).ToArray();

    /// <summary>Paid calls this run made again because the judge rejected a frame's images (each counted in <see cref="Actual"/>).</summary>
    public int Rerolls { get; init; }
}
