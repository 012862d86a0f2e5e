namespace Pikumo.ImageGen.Specs;

/// <summary>
/// Someone or something the spec keeps recognisable: a person, a creature, a prop or a location, with a name the
/// prompt uses, the reference images that show it, its identity lock and, for a person, optionally a pinned outfit.
/// Created by <see cref="PromptSpecBuilder.AddSubject"/>, <see cref="PromptSpecBuilder.AddCreature"/>,
/// <see cref="PromptSpecBuilder.AddProp"/> and <see cref="PromptSpecBuilder.AddLocation"/>.
/// </summary>
public sealed class Subject
{
    internal Subject(string name, int[] referenceImages, IdentityLock identityLock, WardrobePin? wardrobe, SubjectKind kind = SubjectKind.Person, Privacy.ConsentRecord? consent = null)
    {
        Kind = kind;
        Name = name;
        ReferenceImages = Array.AsReadOnly(referenceImages);
        IdentityLock = identityLock;
        Wardrobe = wardrobe;
        Consent = consent;
    }

    /// <summary>What the subject is: a person, a creature, a prop or a location.</summary>
    public SubjectKind Kind { get; }

    /// <summary>The name the prompt uses, for example <c>Mia</c>; unique within a spec.</summary>
    public string Name { get; }

    /// <summary>The 1-based numbers of the reference images that show this subject (see <see cref="ReferenceImage.Number"/>).</summary>
    public IReadOnlyList<int> ReferenceImages { get; }

    /// <summary>The traits to match and the aspects not to copy.</summary>
    public IdentityLock IdentityLock { get; }

    /// <summary>The pinned outfit, or <see langword="null"/> when clothing is free (it then follows <see cref="IdentityLock"/>'s <c>do_not_match</c>).</summary>
    public WardrobePin? Wardrobe { get; }

    /// <summary>
    /// The subject's consent record, if the app gave one (<see cref="PromptSpecBuilder.WithConsent"/>). Never rendered
    /// into the prompt; it travels into manifests and derived images' XMP, and <see cref="ImageGenOptions.RequireConsent"/> checks it.
    /// </summary>
    public Privacy.ConsentRecord? Consent { get; }

    internal Subject WithWardrobe(WardrobePin? wardrobe) => new(Name, [.. ReferenceImages], IdentityLock, wardrobe, Kind, Consent);

    internal Subject WithReferences(int[] referenceImages) => new(Name, referenceImages, IdentityLock, Wardrobe, Kind, Consent);

    internal Subject WithConsent(Privacy.ConsentRecord? consent) => new(Name, [.. ReferenceImages], IdentityLock, Wardrobe, Kind, consent);
}
