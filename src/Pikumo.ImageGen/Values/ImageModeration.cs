using Pikumo.ImageGen.Internal;

namespace Pikumo.ImageGen;

/// <summary>The content-moderation level (wire field <c>moderation</c>).</summary>
public readonly record struct ImageModeration
{
    private readonly string? _value;

    /// <summary>Creates a moderation level from its wire value.</summary>
    /// <param name="value">The wire value; trimmed and lower-cased.</param>
    public ImageModeration(string value) => _value = OpenValue.NormalizeToken(value, nameof(value));

    /// <summary>Less restrictive filtering.</summary>
    public static ImageModeration Low { get; } = new("low");

    /// <summary>The provider default.</summary>
    public static ImageModeration Auto { get; } = new("auto");

    /// <summary>The wire value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Converts a wire string to a moderation level.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator ImageModeration(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
