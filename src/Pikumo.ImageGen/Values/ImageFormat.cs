using Pikumo.ImageGen.Internal;

namespace Pikumo.ImageGen;

/// <summary>An image file format: the format of generated images (wire field <c>output_format</c>) and the format sniffed from a reference image's magic bytes.</summary>
public readonly record struct ImageFormat
{
    private readonly string? _value;

    /// <summary>Creates a format from its wire value.</summary>
    /// <param name="value">The wire value; trimmed and lower-cased (<c>jpg</c> becomes <c>jpeg</c>).</param>
    public ImageFormat(string value)
    {
        var token = OpenValue.NormalizeToken(value, nameof(value));
        _value = token == "jpg" ? "jpeg" : token;
    }

    /// <summary>PNG, the provider default; lossless, supports transparency.</summary>
    public static ImageFormat Png { get; } = new("png");

    /// <summary>JPEG; supports <c>output_compression</c>.</summary>
    public static ImageFormat Jpeg { get; } = new("jpeg");

    /// <summary>WEBP; supports transparency and <c>output_compression</c>.</summary>
    public static ImageFormat Webp { get; } = new("webp");

    /// <summary>The wire value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>The IANA media type, for example <c>image/png</c>.</summary>
    public string MediaType => "image/" + Value;

    /// <summary>The usual file extension with its dot, for example <c>.png</c>.</summary>
    public string FileExtension => Value == "jpeg" ? ".jpg" : "." + Value;

    /// <summary>Converts a wire string to a format.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator ImageFormat(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
