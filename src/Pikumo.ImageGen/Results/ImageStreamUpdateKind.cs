namespace Pikumo.ImageGen;

/// <summary>What an <see cref="ImageStreamUpdate"/> carries.</summary>
public enum ImageStreamUpdateKind
{
    /// <summary>A partial (progressively refined) image.</summary>
    Partial,

    /// <summary>A final image.</summary>
    Completed,
}
