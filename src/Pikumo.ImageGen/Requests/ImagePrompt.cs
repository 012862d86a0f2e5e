namespace Pikumo.ImageGen;

/// <summary>
/// The prompt of a request: plain text, or the text a prompt spec rendered (see <c>Pikumo.ImageGen.Specs</c>),
/// which then stays attached as <see cref="Source"/> for provenance. Strings convert implicitly.
/// </summary>
public readonly record struct ImagePrompt
{
    /// <summary>Creates a prompt from text.</summary>
    /// <param name="text">The prompt text.</param>
    /// <param name="source">What the text was rendered from, if anything.</param>
    public ImagePrompt(string text, object? source = null)
    {
        Text = text;
        Source = source;
    }

    /// <summary>The text sent as the wire field <c>prompt</c>.</summary>
    public string? Text { get; }

    /// <summary>The spec the text was rendered from, or <see langword="null"/> for plain text.</summary>
    public object? Source { get; }

    /// <summary>Converts text to a prompt.</summary>
    /// <param name="text">The prompt text.</param>
    public static implicit operator ImagePrompt(string text) => new(text);

    /// <inheritdoc />
    public override string ToString() => Text ?? string.Empty;
}
