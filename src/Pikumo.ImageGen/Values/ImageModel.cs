using Pikumo.ImageGen.Internal;

namespace Pikumo.ImageGen;

/// <summary>
/// An image model id (wire field <c>model</c>). Any string the provider accepts is valid: on Azure it is the
/// deployment name, and models newer than this library pass through. Validation rules come from the
/// capability table (<see cref="ImageModelCatalog"/>), not from a fixed list.
/// </summary>
public readonly record struct ImageModel
{
    private readonly string? _value;

    /// <summary>Creates a model id; kept exactly as given (deployment names can be case-sensitive).</summary>
    /// <param name="value">The model id or deployment name.</param>
    public ImageModel(string value)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        _value = value.Trim();
    }

    /// <summary>gpt-image-2, the model the library is built around.</summary>
    public static ImageModel GptImage2 { get; } = new("gpt-image-2");

    /// <summary>The dated gpt-image-2 snapshot of its launch day.</summary>
    public static ImageModel GptImage2Snapshot20260421 { get; } = new("gpt-image-2-2026-04-21");

    /// <summary>gpt-image-1.5, OpenAI's server-side default for edits.</summary>
    public static ImageModel GptImage15 { get; } = new("gpt-image-1.5");

    /// <summary>gpt-image-1.</summary>
    public static ImageModel GptImage1 { get; } = new("gpt-image-1");

    /// <summary>gpt-image-1-mini (no <c>input_fidelity</c>).</summary>
    public static ImageModel GptImage1Mini { get; } = new("gpt-image-1-mini");

    /// <summary>The alias of ChatGPT's current image model.</summary>
    public static ImageModel ChatGptImageLatest { get; } = new("chatgpt-image-latest");

    /// <summary>dall-e-2 (one square PNG, legacy).</summary>
    public static ImageModel DallE2 { get; } = new("dall-e-2");

    /// <summary>The model id.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Converts a string to a model id.</summary>
    /// <param name="value">The model id.</param>
    public static implicit operator ImageModel(string value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value;

    internal static string Normalize(ImageModel model) => Guard.NotNullOrWhiteSpace(model._value, "request.Model");
}
