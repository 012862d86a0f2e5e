namespace Pikumo.ImageGen.Specs;

/// <summary>
/// Builds a <see cref="PromptSpec"/>. Reference images are numbered in the order they are added, so attach the
/// request's images in the same order: subjects' photos first, then continuity frames. Not thread-safe;
/// <see cref="Build"/> returns an immutable spec and the builder can go on changing.
/// </summary>
/// <example>
/// <code>
/// var spec = new PromptSpecBuilder()
///     .AddSubject("Mia", IdentityLock.Production)                 // image 1
///     .WithStyle(ImageStyle.Dreamscape)
///     .WithScene(new Scene("Mia sips her morning coffee by the kitchen window") { TimeOfDay = "early morning" })
///     .Build();
/// </code>
/// </example>
public sealed partial class PromptSpecBuilder
{
    /// <summary>The note of a continuity reference when none is given.</summary>
    public const string DefaultContinuityNote = "the last frame of the previous chunk: keep continuity, do not copy its pose";

    /// <summary>The note of a style sheet added without one.</summary>
    public const string DefaultStyleSheetNote = "style sheet: take its palette, line and texture; never its content, people or layout";

    private readonly List<ReferenceImage> _references = [];
    private readonly List<Subject> _subjects = [];
    private readonly List<string> _constraints = [];
    private ImageStyle? _style;
    private Scene? _scene;
    private CompositeLayout? _layout;

    /// <summary>Starts an empty spec.</summary>
    public PromptSpecBuilder()
    {
    }

    internal PromptSpecBuilder(PromptSpec spec)
    {
        _references.AddRange(spec.References);
        _subjects.AddRange(spec.Subjects);
        _constraints.AddRange(spec.Constraints);
        _style = spec.Style;
        _scene = spec.Scene;
        _layout = spec.Layout;
    }

    /// <summary>
    /// Adds a subject and numbers their reference photos next: the first subject's single photo is image 1, a
    /// second subject with two photos gets images 2 and 3.
    /// </summary>
    /// <param name="name">The name the prompt uses, for example <c>Mia</c>; unique within the spec.</param>
    /// <param name="identityLock">What to match and what not to copy, for example <see cref="IdentityLock.Production"/>.</param>
    /// <param name="wardrobe">An outfit to keep in every image, or <see langword="null"/> to let clothing follow the scene.</param>
    /// <param name="referenceImages">How many reference photos of this subject the request attaches, at least 1.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or already used.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="identityLock"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="referenceImages"/> is under 1.</exception>
    public PromptSpecBuilder AddSubject(string name, IdentityLock identityLock, WardrobePin? wardrobe = null, int referenceImages = 1)
    {
        ArgumentNullException.ThrowIfNull(identityLock);
        return Add(SubjectKind.Person, name, identityLock, wardrobe, referenceImages, ReferenceRole.Subject, subject => $"photo of {subject}: the source of {subject}'s identity_lock traits");
    }

    /// <summary>
    /// Adds a continuity reference as the next image: an earlier frame to continue from (for example the last frame of
    /// the previous chunk of a sequence), never an identity source.
    /// </summary>
    /// <param name="note">How to use it; <see langword="null"/> for <see cref="DefaultContinuityNote"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="note"/> is empty or whitespace.</exception>
    public PromptSpecBuilder AddContinuityReference(string? note = null)
    {
        var text = note is null ? DefaultContinuityNote : SpecText.Required(note, nameof(note));
        _references.Add(new ReferenceImage(_references.Count + 1, ReferenceRole.Continuity, null, text));
        return this;
    }

    /// <summary>Pins (or, with <see langword="null"/>, unpins) a subject's outfit, for example before making variants of a spec.</summary>
    /// <param name="subject">The name of a subject of this spec.</param>
    /// <param name="wardrobe">The outfit to keep, or <see langword="null"/> to free clothing again.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">No subject is named <paramref name="subject"/>.</exception>
    public PromptSpecBuilder PinWardrobe(string subject, WardrobePin? wardrobe)
    {
        var name = SpecText.Required(subject, nameof(subject));
        var index = _subjects.FindIndex(s => s.Name == name);
        if (index < 0)
        {
            throw new ArgumentException($"The spec has no subject named '{name}'.", nameof(subject));
        }

        if (_subjects[index].Kind != SubjectKind.Person)
        {
            throw new ArgumentException($"'{name}' is a {_subjects[index].Kind.ToString().ToLowerInvariant()}; only people wear a pinned outfit.", nameof(subject));
        }

        _subjects[index] = _subjects[index].WithWardrobe(wardrobe);
        return this;
    }

    /// <summary>
    /// Records a subject's consent (who consented, when, to what). It is not part of the prompt: it travels into the
    /// sequence manifest and derived images' XMP, and <see cref="ImageGenOptions.RequireConsent"/> requires it for every
    /// subject before an edit is sent. A second record for the same subject replaces the first.
    /// </summary>
    /// <param name="consent">The record; its <see cref="Privacy.ConsentRecord.Subject"/> names a subject of this spec.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="consent"/> is null.</exception>
    /// <exception cref="ArgumentException">No subject has the record's name, or a required field is empty.</exception>
    public PromptSpecBuilder WithConsent(Privacy.ConsentRecord consent)
    {
        ArgumentNullException.ThrowIfNull(consent);
        var name = SpecText.Required(consent.Subject, "consent.Subject");
        SpecText.Required(consent.GrantedBy, "consent.GrantedBy");
        SpecText.Required(consent.Scope, "consent.Scope");
        var index = _subjects.FindIndex(s => s.Name == name);
        if (index < 0)
        {
            throw new ArgumentException($"The spec has no subject named '{name}'; add it with AddSubject before recording consent.", nameof(consent));
        }

        _subjects[index] = _subjects[index].WithConsent(consent);
        return this;
    }

    /// <summary>Sets the style.</summary>
    /// <param name="style">A preset such as <see cref="ImageStyle.Dreamscape"/>, a custom style, or <see langword="null"/> for none.</param>
    /// <returns>This builder.</returns>
    public PromptSpecBuilder WithStyle(ImageStyle? style)
    {
        _style = style;
        return this;
    }

    /// <summary>Makes the spec a single image of this scene (replacing any composite layout).</summary>
    /// <param name="scene">What happens in the image; text converts to a <see cref="Scene"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="scene"/> is null.</exception>
    public PromptSpecBuilder WithScene(Scene scene)
    {
        ArgumentNullException.ThrowIfNull(scene);
        _scene = scene;
        _layout = null;
        return this;
    }

    /// <summary>Makes the spec a composite with this layout (replacing any single scene).</summary>
    /// <param name="layout">The grid, canvas and beats.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="layout"/> is null.</exception>
    public PromptSpecBuilder WithLayout(CompositeLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        _layout = layout;
        _scene = null;
        return this;
    }

    /// <summary>Adds a rule to <c>"constraints"</c>, for example <c>no text or lettering in the image</c>.</summary>
    /// <param name="constraint">The rule; trimmed, not empty.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="constraint"/> is empty or whitespace.</exception>
    public PromptSpecBuilder AddConstraint(string constraint)
    {
        _constraints.Add(SpecText.Required(constraint, nameof(constraint)));
        return this;
    }

    /// <summary>A snapshot without a scene or layout, for sequences, which set one per call.</summary>
    internal PromptSpec BuildTemplate() => new([.. _references], [.. _subjects], _style, scene: null, layout: null, [.. _constraints]);

    /// <summary>Creates the spec.</summary>
    /// <returns>An immutable spec.</returns>
    /// <exception cref="InvalidOperationException">Neither a scene nor a layout is set.</exception>
    public PromptSpec Build()
    {
        if (_scene is null && _layout is null)
        {
            throw new InvalidOperationException("A prompt spec needs a scene (WithScene) or a composite layout (WithLayout).");
        }

        var spec = new PromptSpec([.. _references], [.. _subjects], _style, _scene, _layout, [.. _constraints]);
        spec.ThrowIfCastUnknown();
        return spec;
    }
}
