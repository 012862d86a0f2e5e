namespace Pikumo.ImageGen;

/// <summary>Where an <see cref="ImageInput"/> reads its bytes from.</summary>
internal enum ImageInputKind
{
    /// <summary>A file on disk.</summary>
    File,

    /// <summary>A caller-owned stream.</summary>
    Stream,

    /// <summary>Bytes in memory.</summary>
    Bytes,
}
