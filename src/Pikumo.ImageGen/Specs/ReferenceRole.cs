namespace Pikumo.ImageGen.Specs;

/// <summary>What a reference image attached to the request is for.</summary>
public enum ReferenceRole
{
    /// <summary>A photo of a subject: the source of that subject's identity lock (rendered as <c>subject_reference</c>).</summary>
    Subject,

    /// <summary>
    /// An earlier frame to continue from, for example the last frame of the previous chunk of a sequence: keep
    /// continuity, do not copy its pose; never an identity source (rendered as <c>continuity_reference</c>).
    /// </summary>
    Continuity,
}
