using System.Text.Json;

namespace Pikumo.ImageGen.Specs;

internal static partial class PromptSpecWriter
{
    private const string BeatWardrobeRule = "in this beat, wear exactly this outfit";
    private const string BeatWardrobeException = ", except in a beat that gives its own wardrobe";

    private static string RoleName(ReferenceRole role) => role switch
    {
        ReferenceRole.Subject => "subject_reference",
        ReferenceRole.Continuity => "continuity_reference",
        ReferenceRole.Creature => "creature_reference",
        ReferenceRole.Prop => "prop_reference",
        ReferenceRole.Location => "location_reference",
        ReferenceRole.StyleSheet => "style_reference",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, "An unknown reference role."),
    };

    private static void WriteReferences(Utf8JsonWriter json, IReadOnlyList<ReferenceImage> references)
    {
        if (references.Count == 0)
        {
            return;
        }

        json.WritePropertyName("references");
        json.WriteStartArray();
        foreach (var reference in references)
        {
            json.WriteStartObject();
            json.WriteNumber("image", reference.Number);
            json.WriteString("role", RoleName(reference.Role));
            if (reference.Subject is { } subject)
            {
                json.WriteString("subject", subject);
            }

            json.WriteString("note", reference.Note);
            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteSubjects(Utf8JsonWriter json, PromptSpec spec)
    {
        var subjects = spec.Subjects;
        var dressedPerBeat = Scenes(spec).SelectMany(scene => scene.Wardrobe.Keys).ToHashSet(StringComparer.Ordinal);
        WriteGroup(json, "subjects", [.. subjects.Where(s => s.Kind is SubjectKind.Person or SubjectKind.Creature)], dressedPerBeat);
        WriteGroup(json, "props", [.. subjects.Where(s => s.Kind == SubjectKind.Prop)], dressedPerBeat);
        WriteGroup(json, "locations", [.. subjects.Where(s => s.Kind == SubjectKind.Location)], dressedPerBeat);
    }

    private static void WriteGroup(Utf8JsonWriter json, string name, IReadOnlyList<Subject> subjects, HashSet<string> dressedPerBeat)
    {
        if (subjects.Count == 0)
        {
            return;
        }

        json.WritePropertyName(name);
        json.WriteStartArray();
        foreach (var subject in subjects)
        {
            json.WriteStartObject();
            json.WriteString("name", subject.Name);
            if (subject.Kind == SubjectKind.Creature)
            {
                json.WriteString("kind", "creature");
            }

            WriteNumbers(json, "reference_images", subject.ReferenceImages);
            json.WritePropertyName("identity_lock");
            json.WriteStartObject();
            WriteTraits(json, "match_exactly", subject.IdentityLock.MatchExactly, skipClothing: false);
            WriteTraits(json, "do_not_match", subject.IdentityLock.DoNotMatch, skipClothing: subject.Wardrobe is not null);
            json.WriteEndObject();
            if (subject.Wardrobe is { } wardrobe)
            {
                json.WritePropertyName("wardrobe");
                json.WriteStartObject();
                json.WriteString("clothing", "fixed");
                json.WriteString("outfit", wardrobe.Outfit);
                json.WriteString("rule", dressedPerBeat.Contains(subject.Name) ? WardrobeRule + BeatWardrobeException : WardrobeRule);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }

    private static void WriteTraits(Utf8JsonWriter json, string name, IReadOnlyList<IdentityTrait> traits, bool skipClothing)
    {
        json.WritePropertyName(name);
        json.WriteStartObject();
        foreach (var trait in traits)
        {
            if (!(skipClothing && trait.Name == WardrobePin.ClothingAspect))
            {
                json.WriteString(trait.Name, trait.Description);
            }
        }

        json.WriteEndObject();
    }

    /// <summary>A beat's cast, each name with its reference images, and the beat's own outfits in the spec's subject order.</summary>
    private static void WriteCast(Utf8JsonWriter json, Scene scene, PromptSpec spec)
    {
        if (scene.Cast.Count > 0)
        {
            json.WritePropertyName("cast");
            json.WriteStartArray();
            foreach (var name in scene.Cast)
            {
                // A spec trimmed with ForCast(names) may keep a beat that names someone whose images it does not send.
                var subject = spec.Subjects.FirstOrDefault(s => s.Name == name);
                json.WriteStringValue(subject is null ? name : $"{name} ({SpecText.Images(subject.ReferenceImages)})");
            }

            json.WriteEndArray();
        }

        if (scene.Wardrobe.Count > 0)
        {
            json.WritePropertyName("wardrobe");
            json.WriteStartObject();
            foreach (var subject in spec.Subjects.Where(s => scene.Wardrobe.ContainsKey(s.Name)))
            {
                json.WritePropertyName(subject.Name);
                json.WriteStartObject();
                json.WriteString("outfit", scene.Wardrobe[subject.Name].Outfit);
                json.WriteString("rule", BeatWardrobeRule);
                json.WriteEndObject();
            }

            json.WriteEndObject();
        }
    }

    private static void WriteNumbers(Utf8JsonWriter json, string name, IEnumerable<int> numbers)
    {
        json.WritePropertyName(name);
        json.WriteStartArray();
        foreach (var number in numbers)
        {
            json.WriteNumberValue(number);
        }

        json.WriteEndArray();
    }

    private static IEnumerable<Scene> Scenes(PromptSpec spec) => spec.Layout is { } layout ? layout.Panels.Select(p => p.Beat) : [spec.Scene!];

    private static bool HasCast(PromptSpec spec) => Scenes(spec).Any(scene => scene.Cast.Count > 0);

    private static bool HasBeatWardrobe(PromptSpec spec) => Scenes(spec).Any(scene => scene.Wardrobe.Count > 0);
}
