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

    /// <summary>A photo of a pet or other creature: the source of its identity lock (rendered as <c>creature_reference</c>).</summary>
    Creature,

    /// <summary>A photo of an object that must look the same in every image: shape, colours, markings (rendered as <c>prop_reference</c>).</summary>
    Prop,

    /// <summary>A photo of a place that must stay recognisable: its layout and fixed features (rendered as <c>location_reference</c>).</summary>
    Location,

    /// <summary>
    /// A style sheet: how to render (palette, line, texture), never what to draw; no identity comes from it (rendered as
    /// <c>style_reference</c>).
    /// </summary>
    StyleSheet,
}
