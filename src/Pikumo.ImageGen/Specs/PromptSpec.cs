namespace Pikumo.ImageGen.Specs;

/// <summary>
/// A prompt spec: the reference images and their roles, the subjects with their identity locks and wardrobe pins,
/// the style, and either one scene or a composite layout. It renders to one JSON document, deterministic byte for
/// byte, that is the request's prompt text; it converts implicitly to an <see cref="ImagePrompt"/>, which keeps the
/// spec as its <see cref="ImagePrompt.Spec"/>. Immutable and safe to share; created by
/// <see cref="PromptSpecBuilder"/>, changed through <see cref="ToBuilder"/>.
/// </summary>
/// <remarks>
/// The rendered JSON keeps this contract, which the offline simulator relies on: a composite has a top-level
/// <c>"layout"</c> with <c>"rows"</c> (int), <c>"columns"</c> (int), <c>"canvas"</c> (<c>WxH</c>) and
/// <c>"panels"</c>, an array of objects each with <c>"name"</c> and <c>"beat"</c> (strings); a single image has a
/// top-level <c>"scene"</c> with <c>"beat"</c> (string). See <c>docs/prompt-specs.md</c> for every key.
/// </remarks>
public sealed partial class PromptSpec
{
    private string? _text;

    internal PromptSpec(ReferenceImage[] references, Subject[] subjects, ImageStyle? style, Scene? scene, CompositeLayout? layout, string[] constraints)
    {
        References = Array.AsReadOnly(references);
        Subjects = Array.AsReadOnly(subjects);
        Style = style;
        Scene = scene;
        Layout = layout;
        Constraints = Array.AsReadOnly(constraints);
    }

    /// <summary>The reference images in request order: <see cref="ReferenceImage.Number"/> 1 is the first <c>image[]</c> part.</summary>
    public IReadOnlyList<ReferenceImage> References { get; }

    /// <summary>The subjects, in the order they were added.</summary>
    public IReadOnlyList<Subject> Subjects { get; }

    /// <summary>The style, or <see langword="null"/> to leave the look to the model.</summary>
    public ImageStyle? Style { get; }

    /// <summary>The scene of a single image; <see langword="null"/> for a composite.</summary>
    public Scene? Scene { get; }

    /// <summary>The layout of a composite; <see langword="null"/> for a single image.</summary>
    public CompositeLayout? Layout { get; }

    /// <summary>Extra rules added with <see cref="PromptSpecBuilder.AddConstraint"/>, in order (rendered after the layout's own rules in <c>"constraints"</c>).</summary>
    public IReadOnlyList<string> Constraints { get; }

    /// <summary>Renders the prompt text: a pretty-printed JSON object (2-space indent, <c>\n</c> newlines, no BOM, no trailing newline).</summary>
    /// <returns>The same text for the same spec, byte for byte, on every machine and culture.</returns>
    /// <remarks>To check the text against a model's prompt limit, use <see cref="PromptSpecExtensions.Render(PromptSpec, int)"/>.</remarks>
    public string Render() => _text ??= PromptSpecWriter.Write(this);

    /// <summary>Renders the spec in the given format (see <see cref="PromptFormat"/>); deterministic like <see cref="Render()"/>.</summary>
    /// <param name="format">JSON for gpt-image models, plain text for models that do not read JSON well.</param>
    /// <returns>The prompt text.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="format"/> is not a known format.</exception>
    public string Render(PromptFormat format) => format switch
    {
        PromptFormat.Json => Render(),
        PromptFormat.PlainText => PromptSpecTextWriter.Write(this),
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, "An unknown prompt format."),
    };

    /// <summary>The prompt: the rendered text, with this spec as its source.</summary>
    /// <returns>The prompt.</returns>
    public ImagePrompt ToImagePrompt() => new(Render(), this);

    /// <summary>Starts a builder with this spec's parts, for example to add a continuity reference or pin an outfit.</summary>
    /// <returns>A new builder; changing it does not change this spec.</returns>
    public PromptSpecBuilder ToBuilder() => new(this);

    /// <summary>Converts a spec to the prompt of a request.</summary>
    /// <param name="spec">The spec.</param>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is null.</exception>
    public static implicit operator ImagePrompt(PromptSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return new(spec.Render(), spec);
    }

    /// <summary>The rendered prompt text.</summary>
    /// <returns>The same as <see cref="Render()"/>.</returns>
    public override string ToString() => Render();
}
