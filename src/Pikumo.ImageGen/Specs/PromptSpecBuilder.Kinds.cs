namespace Pikumo.ImageGen.Specs;

public sealed partial class PromptSpecBuilder
{
    /// <summary>
    /// Adds a pet or other creature that must stay the same animal in every image, and numbers its reference photos
    /// next. Name it in a scene's <see cref="Scene.Cast"/> to show which beats it appears in.
    /// </summary>
    /// <param name="name">The name the prompt uses, for example <c>Biscuit</c>; unique within the spec.</param>
    /// <param name="identityLock">What to match; <see cref="IdentityLock.Creature"/> when <see langword="null"/>.</param>
    /// <param name="referenceImages">How many reference photos of it the request attaches, at least 1.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or already used.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="referenceImages"/> is under 1.</exception>
    public PromptSpecBuilder AddCreature(string name, IdentityLock? identityLock = null, int referenceImages = 1) =>
        Add(SubjectKind.Creature, name, identityLock ?? IdentityLock.Creature, wardrobe: null, referenceImages, ReferenceRole.Creature,
            creature => $"photo of {creature}: the source of {creature}'s identity_lock traits");

    /// <summary>
    /// Adds an object that must look the same wherever it appears (a red bicycle, a teddy bear), and numbers its
    /// reference photos next.
    /// </summary>
    /// <param name="name">The name the prompt uses, for example <c>the red bicycle</c>; unique within the spec.</param>
    /// <param name="identityLock">What to keep; <see cref="IdentityLock.Prop"/> (shape, colours, materials, markings) when <see langword="null"/>.</param>
    /// <param name="referenceImages">How many reference photos of it the request attaches, at least 1.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or already used.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="referenceImages"/> is under 1.</exception>
    public PromptSpecBuilder AddProp(string name, IdentityLock? identityLock = null, int referenceImages = 1) =>
        Add(SubjectKind.Prop, name, identityLock ?? IdentityLock.Prop, wardrobe: null, referenceImages, ReferenceRole.Prop,
            prop => $"photo of {prop}: keep its identity_lock traits wherever it appears");

    /// <summary>
    /// Adds a place that must stay recognisable across beats (the family kitchen on page 3 and page 17), and numbers
    /// its reference photos next.
    /// </summary>
    /// <param name="name">The name the prompt uses, for example <c>the kitchen</c>; unique within the spec.</param>
    /// <param name="identityLock">What to keep; <see cref="IdentityLock.Location"/> (layout, fixed features, palette) when <see langword="null"/>.</param>
    /// <param name="referenceImages">How many reference photos of it the request attaches, at least 1.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or already used.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="referenceImages"/> is under 1.</exception>
    public PromptSpecBuilder AddLocation(string name, IdentityLock? identityLock = null, int referenceImages = 1) =>
        Add(SubjectKind.Location, name, identityLock ?? IdentityLock.Location, wardrobe: null, referenceImages, ReferenceRole.Location,
            location => $"photo of {location}: keep its identity_lock traits whenever a beat is set there");

    /// <summary>
    /// Adds a style sheet as the next reference image: the model takes its palette, line and texture, never its
    /// content or anyone's identity. Rendered in <c>"style"</c> as <c>reference_images</c>.
    /// </summary>
    /// <param name="note">What to take from it; a default note when <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="note"/> is empty.</exception>
    public PromptSpecBuilder AddStyleSheet(string? note = null)
    {
        var text = note is null ? DefaultStyleSheetNote : SpecText.Required(note, nameof(note));
        _references.Add(new ReferenceImage(_references.Count + 1, ReferenceRole.StyleSheet, null, text));
        return this;
    }

    private PromptSpecBuilder Add(SubjectKind kind, string name, IdentityLock identityLock, WardrobePin? wardrobe, int referenceImages, ReferenceRole role, Func<string, string> note)
    {
        var subject = SpecText.Required(name, nameof(name));
        ArgumentOutOfRangeException.ThrowIfLessThan(referenceImages, 1);
        if (_subjects.Exists(s => s.Name == subject))
        {
            throw new ArgumentException($"The spec has a subject named '{subject}' already; names of people, creatures, props and locations must be unique.", nameof(name));
        }

        var numbers = new int[referenceImages];
        for (var i = 0; i < numbers.Length; i++)
        {
            numbers[i] = _references.Count + 1;
            _references.Add(new ReferenceImage(numbers[i], role, subject, note(subject)));
        }

        _subjects.Add(new Subject(subject, numbers, identityLock, wardrobe, kind));
        return this;
    }
}
