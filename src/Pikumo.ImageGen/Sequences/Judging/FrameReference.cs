namespace Pikumo.ImageGen.Sequences.Judging;

/// <summary>One image a frame's call was made from, as a judge sees it.</summary>
/// <param name="Label">What it is, as the frame's provenance names it (for example <c>reference 1: photo of Mia</c>, or a continuity frame).</param>
/// <param name="Image">The image that was sent.</param>
public readonly record struct FrameReference(string Label, ImageInput Image);
