using Pikumo.ImageGen.Internal;

namespace Pikumo.ImageGen;

/// <summary>
/// How closely an edit matches the style and features (faces especially) of the reference images
/// (wire field <c>input_fidelity</c>). <see cref="High"/> raises input image tokens and so the cost.
/// </summary>
public readonly record struct InputFidelity
{
    private readonly string? _value;

    /// <summary>Creates a fidelity from its wire value.</summary>
    /// <param name="value">The wire value; trimmed and lower-cased.</param>
    public InputFidelity(string value) => _value = OpenValue.NormalizeToken(value, nameof(value));

    /// <summary>Match the references closely; what the seed used to hold a face across frames.</summary>
    public static InputFidelity High { get; } = new("high");

    /// <summary>The provider default.</summary>
    public static InputFidelity Low { get; } = new("low");

    /// <summary>The wire value.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Converts a wire string to a fidelity.</summary>
    /// <param name="value">The wire value.</param>
    public static implicit operator InputFidelity(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;
}
