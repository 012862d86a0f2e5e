using SkiaSharp;

namespace Pikumo.ImageGen.Imaging;

/// <summary>Decoding and encoding shared by the Imaging types.</summary>
internal static class SkiaImages
{
    public static SKBitmap Decode(ReadOnlyMemory<byte> data, string paramName)
    {
        using var skData = SKData.CreateCopy(data.Span);
        return SKBitmap.Decode(skData) ?? throw new ArgumentException("The bytes are not an image SkiaSharp can decode.", paramName);
    }

    public static byte[] EncodePng(SKBitmap bitmap)
    {
        using var image = SKImage.FromBitmap(bitmap);
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
