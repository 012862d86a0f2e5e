namespace Pikumo.ImageGen.Transports;

/// <summary>Which images endpoint a call goes to.</summary>
public enum ImageOperation
{
    /// <summary><c>/images/edits</c>: reference images and a prompt.</summary>
    Edit,

    /// <summary><c>/images/generations</c>: a prompt only.</summary>
    Generate,
}
