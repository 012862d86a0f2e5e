namespace Pikumo.ImageGen;

/// <summary>How a field's value is written on the wire.</summary>
internal enum WireKind
{
    /// <summary>A string (a JSON string; a multipart text part).</summary>
    Text,

    /// <summary>An integer (a JSON number; its decimal digits in a multipart part).</summary>
    Integer,

    /// <summary>A boolean (a JSON <c>true</c>; <c>true</c> in a multipart part).</summary>
    Flag,

    /// <summary>A decimal number (a JSON number, for example <c>guidance_scale: 3.5</c>).</summary>
    Number,

    /// <summary>A size: <c>1024x1536</c> or <c>auto</c> on OpenAI's wire; <c>{"width":…,"height":…}</c> or <c>"auto"</c> on fal's.</summary>
    Size,
}

/// <summary>
/// One request field as every part of the library sees it: the property a caller sets, its wire name per provider
/// dialect, how it is written, and the capability that governs it. <see cref="ImageFields.All"/> is the one list that
/// validation, the unsupported-parameter policy, the OpenAI multipart and JSON writers and fal's body all read.
/// </summary>
internal sealed class ImageField
{
    /// <summary>The property path a caller finds the field under, as exceptions name it (<c>request.Background</c>).</summary>
    public required string Property { get; init; }

    /// <summary>The OpenAI (and Azure) wire name, which messages quote (<c>background</c>).</summary>
    public required string Wire { get; init; }

    /// <summary>fal's wire name on its gpt-image endpoints, or <see langword="null"/> when they do not take the field (fal's other models map fields per model: <c>Transports/Fal/FalModels.cs</c>).</summary>
    public string? FalWire { get; init; }

    /// <summary>Whether OpenAI's (and Azure's) wire has the field; <see langword="false"/> for fields only other models take (<c>seed</c>).</summary>
    public bool OnOpenAI { get; init; } = true;

    /// <summary>How the value is written.</summary>
    public WireKind Kind { get; init; } = WireKind.Text;

    /// <summary>The value to send, or <see langword="null"/> to leave the field off the wire.</summary>
    public required Func<ValidatedImageRequest, object?> Read { get; init; }

    /// <summary>Whether a model takes the field; <see langword="null"/> when every model does.</summary>
    public Func<ImageModelCapabilities, bool>? Supported { get; init; }

    /// <summary>The capabilities of a provider that does not take the field (the inverse of <see cref="Supported"/>).</summary>
    public Func<ImageModelCapabilities, ImageModelCapabilities>? Disable { get; init; }

    /// <summary>
    /// The request without the field, for the unsupported-parameter policy; <see langword="null"/> for fields the policy
    /// does not cover (a missing one is an error, not an omission).
    /// </summary>
    public Func<ImageRequest, ImageRequest>? Clear { get; init; }

    /// <summary>Whether the value came from a library default rather than the caller: a default is left off silently where it is not taken.</summary>
    public Func<ImageRequest, bool>? IsDefault { get; init; }

    /// <summary>The wire name in a dialect (<c>openai</c> or <c>fal</c>).</summary>
    public string? WireIn(WireDialect dialect) => dialect == WireDialect.Fal ? FalWire : OnOpenAI ? Wire : null;

    /// <inheritdoc />
    public override string ToString() => $"{Property} (wire '{Wire}')";
}

/// <summary>The wire formats the built-in transports write.</summary>
internal enum WireDialect
{
    /// <summary>OpenAI's images API, which Azure shares.</summary>
    OpenAI,

    /// <summary>fal.ai's gpt-image endpoints.</summary>
    Fal,
}
