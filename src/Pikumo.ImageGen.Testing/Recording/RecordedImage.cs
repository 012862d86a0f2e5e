using System.Globalization;

namespace Pikumo.ImageGen.Testing;

/// <summary>An image a request carried: a multipart file part, a JSON <c>image_url</c>, or a fal <c>image_urls</c> entry.</summary>
public sealed class RecordedImage
{
    internal RecordedImage(string field, string? fileName, string? contentType, ReadOnlyMemory<byte> data, string? url)
    {
        Field = field;
        FileName = fileName;
        ContentType = contentType;
        Data = data;
        Url = url;
        if (ImageHeader.TryRead(data.Span, out var header))
        {
            Header = header;
        }
    }

    /// <summary>Where it came from: <c>image[]</c>, <c>image</c>, <c>mask</c>, <c>images[0]</c>, <c>image_urls[0]</c>, <c>mask_url</c>.</summary>
    public string Field { get; }

    /// <summary>The part's file name, if any.</summary>
    public string? FileName { get; }

    /// <summary>The content type the request declared (the part's <c>Content-Type</c> or the data URI's media type).</summary>
    public string? ContentType { get; }

    /// <summary>The bytes; empty when a URL could not be resolved (the simulator serves only its own files and <c>data:</c> URIs).</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The URL it was given by (fal and JSON edits); <c>data:</c> URIs are shortened to their media type.</summary>
    public string? Url { get; }

    /// <summary>The header sniffed from the bytes, or <see langword="null"/> when they are not PNG, JPEG or WEBP.</summary>
    public ImageHeader? Header { get; }

    /// <summary>The sniffed format, if any.</summary>
    public ImageFormat? Format => Header?.Format;

    /// <summary>Width in pixels, 0 when unknown.</summary>
    public int Width => Header?.Width ?? 0;

    /// <summary>Height in pixels, 0 when unknown.</summary>
    public int Height => Header?.Height ?? 0;

    /// <inheritdoc />
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"{Field}{(FileName is null ? string.Empty : $" '{FileName}'")}{(ContentType is null ? string.Empty : $" {ContentType}")}: {Format?.Value ?? "not an image"} {Width}x{Height}, {Data.Length} bytes{(Url is null ? string.Empty : $" from {Url}")}");
}
