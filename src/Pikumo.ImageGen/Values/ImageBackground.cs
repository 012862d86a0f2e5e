using Pikumo.ImageGen.Internal;

namespace Pikumo.ImageGen;

/// <summary>The background of generated images (wire field <c>background</c>).</summary>
public readonly record struct ImageBackground
{
    private readonly string? _value;

    /// <summary>Creates a background from its wire value.</summary>
    /// <param name="value">The wire value; trimmed and lower-cased.</param>
    public ImageBackground(string value) => _value = OpenValue.NormalizeToken(value, nameof(value));

    /// <summary>Transparent; needs a PNG or WEBP output format. A preview feature on gpt-image-2.</summary>
    public static ImageBackground Transparent { get; } = new("transparent");

    /// <summary>Opaque.</summary>
    public static ImageBackground Opaque { get; } = new("opaque");

    /// <summary>The model chooses.</summary>
    public static ImageBackground Auto { get; } = new("auto");

    /// <summary>The wire value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Converts a wire string to a background.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator ImageBackground(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
