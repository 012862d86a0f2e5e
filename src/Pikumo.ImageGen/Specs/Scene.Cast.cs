namespace Pikumo.ImageGen.Specs;

public sealed partial record Scene
{
    private static readonly IReadOnlyDictionary<string, WardrobePin> NoOutfits = new Dictionary<string, WardrobePin>(StringComparer.Ordinal).AsReadOnly();

    /// <summary>
    /// Who appears in this beat: names of the spec's people, creatures, props and locations (rendered as
    /// <c>"cast"</c>, each with the numbers of its reference images so the model knows which photo is whom). Empty
    /// means the beat does not say, and every subject may appear. <see cref="PromptSpec.ForCast()"/> keeps only the cast's
    /// reference images for a call.
    /// </summary>
    public IReadOnlyList<string> Cast { get; init => field = CastNames(value); } = [];

    /// <summary>
    /// Outfits for this beat only, by person (rendered as <c>"wardrobe"</c>): they win over a story-wide
    /// <see cref="WardrobePin"/>, so a school uniform on Monday and pyjamas at night are two beats' wardrobes.
    /// </summary>
    public IReadOnlyDictionary<string, WardrobePin> Wardrobe { get; init => field = value ?? NoOutfits; } = NoOutfits;

    /// <summary>Returns a copy of this scene with the given cast.</summary>
    /// <param name="names">Who appears: names of the spec's people, creatures, props and locations.</param>
    /// <returns>The scene.</returns>
    /// <exception cref="ArgumentException">A name is empty or repeated.</exception>
    public Scene WithCast(params string[] names) => this with { Cast = names };

    /// <summary>Returns a copy of this scene in which <paramref name="subject"/> wears <paramref name="outfit"/>.</summary>
    /// <param name="subject">A person of the spec.</param>
    /// <param name="outfit">What they wear in this beat.</param>
    /// <returns>The scene.</returns>
    /// <exception cref="ArgumentException"><paramref name="subject"/> or <paramref name="outfit"/> is empty.</exception>
    public Scene Wearing(string subject, string outfit)
    {
        var name = SpecText.Required(subject, nameof(subject));
        var outfits = new Dictionary<string, WardrobePin>(Wardrobe, StringComparer.Ordinal) { [name] = new WardrobePin(outfit) };
        return this with { Wardrobe = outfits.AsReadOnly() };
    }

    /// <inheritdoc />
    public bool Equals(Scene? other) =>
        other is not null && Beat == other.Beat && Setting == other.Setting && TimeOfDay == other.TimeOfDay && Framing == other.Framing
        && Cast.SequenceEqual(other.Cast) && Wardrobe.Count == other.Wardrobe.Count
        && Wardrobe.All(pair => other.Wardrobe.TryGetValue(pair.Key, out var outfit) && outfit == pair.Value);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Beat, Setting, TimeOfDay, Framing, Cast.Count, Wardrobe.Count);

    private static string[] CastNames(IReadOnlyList<string>? value)
    {
        if (value is null)
        {
            return [];
        }

        var cast = value.Select(name => SpecText.Required(name, nameof(value))).ToArray();
        var repeated = cast.GroupBy(name => name, StringComparer.Ordinal).FirstOrDefault(group => group.Count() > 1);
        return repeated is null ? cast : throw new ArgumentException($"'{repeated.Key}' appears twice in Scene.Cast.", nameof(value));
    }
}
