using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Pikumo.ImageGen;

/// <summary>
/// The pixel size of generated images (wire field <c>size</c>): <c>WIDTHxHEIGHT</c> or <c>auto</c>.
/// Any size can be expressed; whether a model accepts it is decided by its <see cref="ImageSizeRules"/>.
/// </summary>
public readonly record struct ImageSize
{
    /// <summary>Creates a fixed size.</summary>
    /// <param name="width">Width in pixels, at least 1.</param>
    /// <param name="height">Height in pixels, at least 1.</param>
    public ImageSize(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(height, 1);
        Width = width;
        Height = height;
    }

    /// <summary>The model picks the size (for edits, often from the first reference image).</summary>
    public static ImageSize Auto { get; }

    /// <summary>1024×1024, accepted by every GPT image model.</summary>
    public static ImageSize Square1024 { get; } = new(1024, 1024);

    /// <summary>1536×1024 landscape: the seed's recommended storyboard canvas (2×4 panels of 384×512).</summary>
    public static ImageSize Landscape1536x1024 { get; } = new(1536, 1024);

    /// <summary>1024×1536 portrait.</summary>
    public static ImageSize Portrait1024x1536 { get; } = new(1024, 1536);

    /// <summary>Width in pixels; 0 for <see cref="Auto"/>.</summary>
    public int Width { get; }

    /// <summary>Height in pixels; 0 for <see cref="Auto"/>.</summary>
    public int Height { get; }

    /// <summary>Whether this is <c>auto</c>.</summary>
    public bool IsAuto => Width == 0;

    /// <summary>Width × height.</summary>
    public long PixelCount => (long)Width * Height;

    /// <summary>Parses <c>WIDTHxHEIGHT</c> (for example <c>1536x1024</c>) or <c>auto</c>.</summary>
    /// <param name="value">The text.</param>
    /// <returns>The size.</returns>
    /// <exception cref="FormatException">The text is neither form.</exception>
    public static ImageSize Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return TryParse(value, out var size)
            ? size
            : throw new FormatException($"'{value}' is not an image size: expected WIDTHxHEIGHT (for example 1536x1024) or 'auto'.");
    }

    /// <summary>Tries to parse <c>WIDTHxHEIGHT</c> or <c>auto</c>.</summary>
    /// <param name="value">The text.</param>
    /// <param name="size">The parsed size.</param>
    /// <returns>Whether the text was a size.</returns>
    public static bool TryParse([NotNullWhen(true)] string? value, out ImageSize size)
    {
        size = default;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        var text = value.AsSpan().Trim();
        if (text.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var x = text.IndexOfAny('x', 'X');
        if (x <= 0
            || !int.TryParse(text[..x], NumberStyles.None, CultureInfo.InvariantCulture, out var width)
            || !int.TryParse(text[(x + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var height)
            || width < 1 || height < 1)
        {
            return false;
        }

        size = new ImageSize(width, height);
        return true;
    }

    /// <summary>Converts <c>WIDTHxHEIGHT</c> or <c>auto</c> to a size.</summary>
    /// <param name="value">The text.</param>
    public static implicit operator ImageSize(string value) => Parse(value);

    /// <summary>The wire form: <c>WIDTHxHEIGHT</c> or <c>auto</c>.</summary>
    /// <returns>The wire form.</returns>
    public override string ToString() => IsAuto ? "auto" : string.Create(CultureInfo.InvariantCulture, $"{Width}x{Height}");
}
