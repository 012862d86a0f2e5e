using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen;

/// <summary>
/// The prompt of a request: plain text, or the text a prompt spec rendered (see <c>Pikumo.ImageGen.Specs</c>),
/// which then stays attached as <see cref="Spec"/> for provenance. Strings and specs convert implicitly.
/// </summary>
public readonly record struct ImagePrompt
{
    /// <summary>Creates a prompt from text.</summary>
    /// <param name="text">The prompt text.</param>
    public ImagePrompt(string text)
    {
        Text = text;
    }

    /// <summary>Creates the prompt a spec rendered to (<see cref="PromptSpec.ToImagePrompt"/>).</summary>
    internal ImagePrompt(string text, PromptSpec spec)
    {
        Text = text;
        Spec = spec;
    }

    /// <summary>The text sent as the wire field <c>prompt</c>.</summary>
    public string? Text { get; }

    /// <summary>The spec the text was rendered from, or <see langword="null"/> for plain text.</summary>
    public PromptSpec? Spec { get; }

    /// <summary>Converts text to a prompt.</summary>
    /// <param name="text">The prompt text.</param>
    public static implicit operator ImagePrompt(string text) => new(text);

    /// <inheritdoc />
    public override string ToString() => Text ?? string.Empty;
}
