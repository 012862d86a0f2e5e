namespace Pikumo.ImageGen.Specs;

public sealed partial class PromptSpec
{
    /// <summary>
    /// The cast of this spec's scene (or the union of its panels' casts): the same spec keeping only the people,
    /// creatures, props and locations that appear, their reference images renumbered, and the numbers of the images to
    /// send. Continuity frames and style sheets always stay. A scene or panel without a cast keeps everyone.
    /// </summary>
    /// <returns>The trimmed spec and which of the original reference images it uses.</returns>
    public CastSelection ForCast()
    {
        var scenes = Layout is { } layout ? layout.Panels.Select(p => p.Beat).ToArray() : [Scene!];
        return scenes.Any(scene => scene.Cast.Count == 0) ? ForCast(Subjects.Select(s => s.Name)) : ForCast(scenes.SelectMany(scene => scene.Cast));
    }

    /// <summary>The same spec keeping only the named people, creatures, props and locations (see <see cref="ForCast()"/>).</summary>
    /// <param name="names">Who appears.</param>
    /// <returns>The trimmed spec and which of the original reference images it uses.</returns>
    /// <exception cref="ArgumentException">A name is not a subject of this spec.</exception>
    public CastSelection ForCast(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var cast = names.ToHashSet(StringComparer.Ordinal);
        var unknown = cast.FirstOrDefault(name => !Subjects.Any(s => s.Name == name));
        if (unknown is not null)
        {
            throw new ArgumentException($"'{unknown}' is not a person, creature, prop or location of this spec.", nameof(names));
        }

        var kept = References.Where(r => r.Subject is null || cast.Contains(r.Subject)).ToArray();
        var renumbered = kept.Select((r, i) => new ReferenceImage(i + 1, r.Role, r.Subject, r.Note)).ToArray();
        int NewNumber(int original) => Array.FindIndex(kept, r => r.Number == original) + 1;
        var subjects = Subjects.Where(s => cast.Contains(s.Name)).Select(s => s.WithReferences([.. s.ReferenceImages.Select(NewNumber)])).ToArray();
        var spec = new PromptSpec(renumbered, subjects, Style, Scene, Layout, [.. Constraints]);
        return new CastSelection(spec, Array.AsReadOnly(kept.Select(r => r.Number).ToArray()));
    }

    /// <summary>Refuses a cast or wardrobe that names someone the spec does not have, before anything is sent.</summary>
    internal void ThrowIfCastUnknown()
    {
        var scenes = Layout is { } layout ? layout.Panels.Select(p => p.Beat) : [Scene!];
        foreach (var scene in scenes)
        {
            var unknown = scene.Cast.FirstOrDefault(name => !Subjects.Any(s => s.Name == name));
            if (unknown is not null)
            {
                throw new InvalidOperationException($"Scene.Cast of '{scene.Beat}' names '{unknown}', who is not a person, creature, prop or location of the spec.");
            }

            var outfit = scene.Wardrobe.Keys.FirstOrDefault(name => !Subjects.Any(s => s.Name == name && s.Kind == SubjectKind.Person));
            if (outfit is not null)
            {
                throw new InvalidOperationException($"Scene.Wardrobe of '{scene.Beat}' dresses '{outfit}', who is not a person of the spec.");
            }
        }
    }
}
