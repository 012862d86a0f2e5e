namespace Pikumo.ImageGen.Specs;

/// <summary>
/// A spec trimmed to the cast of a beat (<see cref="PromptSpec.ForCast()"/>) and the 1-based numbers of the original
/// reference images it keeps, in order: send exactly those images with <see cref="Spec"/>.
/// </summary>
public sealed class CastSelection
{
    internal CastSelection(PromptSpec spec, IReadOnlyList<int> referenceNumbers)
    {
        Spec = spec;
        ReferenceNumbers = referenceNumbers;
    }

    /// <summary>The trimmed spec; its reference images are numbered 1..n in the order of <see cref="ReferenceNumbers"/>.</summary>
    public PromptSpec Spec { get; }

    /// <summary>The numbers (in the original spec) of the reference images to send, in the order to send them.</summary>
    public IReadOnlyList<int> ReferenceNumbers { get; }

    /// <summary>Picks the images to send from the full list of the original spec's reference images.</summary>
    /// <typeparam name="T">The image type, for example <see cref="ImageInput"/>.</typeparam>
    /// <param name="references">Every reference image of the original spec, in its numbering order.</param>
    /// <returns>The images of the cast, in the trimmed spec's order.</returns>
    /// <exception cref="ArgumentException"><paramref name="references"/> has fewer images than the original spec numbers.</exception>
    public IReadOnlyList<T> SelectImages<T>(IReadOnlyList<T> references)
    {
        ArgumentNullException.ThrowIfNull(references);
        if (ReferenceNumbers.Count > 0 && ReferenceNumbers.Max() > references.Count)
        {
            throw new ArgumentException($"The spec numbers {ReferenceNumbers.Max()} reference images; {references.Count} were given.", nameof(references));
        }

        return [.. ReferenceNumbers.Select(number => references[number - 1])];
    }
}
