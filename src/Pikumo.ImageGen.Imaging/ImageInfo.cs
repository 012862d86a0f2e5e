using SkiaSharp;

namespace Pikumo.ImageGen.Imaging;

/// <summary>What an encoded image is: its format and pixel size, read by SkiaSharp's decoder (any format Skia reads, not only PNG/JPEG/WEBP).</summary>
/// <param name="Format">The format's name in lower case (<c>png</c>, <c>jpeg</c>, <c>webp</c>, <c>gif</c>…).</param>
/// <param name="Width">Width in pixels.</param>
/// <param name="Height">Height in pixels.</param>
public readonly record struct ImageInfo(string Format, int Width, int Height)
{
    /// <summary>Reads format and size without decoding the pixels.</summary>
    /// <param name="data">The encoded image.</param>
    /// <returns>The information.</returns>
    /// <exception cref="ArgumentException">The bytes are not an image.</exception>
    public static ImageInfo Read(ReadOnlySpan<byte> data)
    {
        using var skData = SKData.CreateCopy(data);
        using var codec = SKCodec.Create(skData) ?? throw new ArgumentException("The bytes are not an image SkiaSharp can read.", nameof(data));
        return new ImageInfo(codec.EncodedFormat.ToString().ToLowerInvariant(), codec.Info.Width, codec.Info.Height);
    }
}
