using Pikumo.ImageGen.Internal;

namespace Pikumo.ImageGen;

/// <summary>
/// The rendering quality of generated images (wire field <c>quality</c>). An open set: the well-known values
/// are static properties, and any other value a newer model adds can be created from its wire string.
/// </summary>
public readonly record struct ImageQuality
{
    private readonly string? _value;

    /// <summary>Creates a quality from its wire value, for example <c>"low"</c>.</summary>
    /// <param name="value">The wire value; trimmed and lower-cased.</param>
    public ImageQuality(string value) => _value = OpenValue.NormalizeToken(value, nameof(value));

    /// <summary>Fastest and cheapest; the seed's preview measurements used it.</summary>
    public static ImageQuality Low { get; } = new("low");

    /// <summary>Balanced quality.</summary>
    public static ImageQuality Medium { get; } = new("medium");

    /// <summary>Highest detail and cost (fal's default when the field is omitted).</summary>
    public static ImageQuality High { get; } = new("high");

    /// <summary>The model chooses.</summary>
    public static ImageQuality Auto { get; } = new("auto");

    /// <summary>dall-e-2 only.</summary>
    public static ImageQuality Standard { get; } = new("standard");

    /// <summary>The wire value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Converts a wire string to a quality.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator ImageQuality(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
