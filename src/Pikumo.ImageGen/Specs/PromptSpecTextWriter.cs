using System.Globalization;
using System.Text;

namespace Pikumo.ImageGen.Specs;

/// <summary>
/// Renders a <see cref="PromptSpec"/> as labelled plain text (<see cref="PromptFormat.PlainText"/>): the JSON
/// document's content in sections a model without a taste for JSON follows, in the same order, deterministic
/// (<c>\n</c> newlines, invariant numbers).
/// </summary>
internal static class PromptSpecTextWriter
{
    public static string Write(PromptSpec spec)
    {
        var text = new StringBuilder();
        text.Append("TASK: ").Append(Task(spec)).Append('\n');
        WriteReferences(text, spec);
        WriteSubjects(text, spec);
        WriteStyle(text, spec);
        if (spec.Layout is { } layout)
        {
            text.Append(CultureInfo.InvariantCulture, $"\nLAYOUT: {layout.Rows} rows by {layout.Columns} columns on a {layout.Canvas} canvas, each panel {layout.PanelSize}, read left to right, top to bottom.\n");
            foreach (var panel in layout.Panels)
            {
                text.Append(CultureInfo.InvariantCulture, $"- Panel {panel.Index + 1} (row {panel.Row + 1}, column {panel.Column + 1}): ").Append(Scene(panel.Beat, spec)).Append('\n');
            }
        }
        else
        {
            text.Append("\nSCENE: ").Append(Scene(spec.Scene!, spec)).Append('\n');
        }

        var rules = Rules(spec);
        if (rules.Count > 0)
        {
            text.Append("\nRULES:\n");
            foreach (var rule in rules)
            {
                text.Append("- ").Append(rule).Append('\n');
            }
        }

        return text.ToString().TrimEnd('\n');
    }

    private static string Task(PromptSpec spec)
    {
        var living = spec.Subjects.Where(s => s.Kind is SubjectKind.Person or SubjectKind.Creature).Select(s => $"{s.Name} ({SpecText.Images(s.ReferenceImages)})").ToList();
        var who = living.Count > 0 ? $" of {SpecText.And(living)}" : string.Empty;
        return spec.Layout is { } layout
            ? string.Create(CultureInfo.InvariantCulture, $"Draw one {layout.Canvas} image{who} split into {SpecText.Count(layout.Panels.Count, "panel", "panels")}, each showing its beat from the LAYOUT list.")
            : $"Draw one image{who} showing the SCENE.";
    }

    private static void WriteReferences(StringBuilder text, PromptSpec spec)
    {
        if (spec.References.Count == 0)
        {
            return;
        }

        text.Append("\nREFERENCE IMAGES:\n");
        foreach (var reference in spec.References)
        {
            var role = reference.Role switch
            {
                ReferenceRole.Subject => "person",
                ReferenceRole.Continuity => "continuity",
                ReferenceRole.Creature => "creature",
                ReferenceRole.Prop => "prop",
                ReferenceRole.Location => "location",
                _ => "style sheet",
            };
            text.Append(CultureInfo.InvariantCulture, $"- Image {reference.Number} ({role}{(reference.Subject is { } name ? ", " + name : string.Empty)}): {reference.Note}\n");
        }
    }

    private static void WriteSubjects(StringBuilder text, PromptSpec spec)
    {
        foreach (var subject in spec.Subjects)
        {
            var kind = subject.Kind switch { SubjectKind.Person => "PERSON", SubjectKind.Creature => "CREATURE", SubjectKind.Prop => "PROP", _ => "LOCATION" };
            text.Append(CultureInfo.InvariantCulture, $"\n{kind}: {subject.Name} ({SpecText.Images(subject.ReferenceImages)})\n");
            text.Append("Keep exactly as in the reference: ").Append(Traits(subject.IdentityLock.MatchExactly, skipClothing: false)).Append('\n');
            text.Append("Do not copy from the reference: ").Append(Traits(subject.IdentityLock.DoNotMatch, skipClothing: subject.Wardrobe is not null)).Append('\n');
            if (subject.Wardrobe is { } wardrobe)
            {
                text.Append("Outfit, the same in every image and panel unless a beat says otherwise: ").Append(wardrobe.Outfit).Append('\n');
            }
        }
    }

    private static string Traits(IReadOnlyList<IdentityTrait> traits, bool skipClothing) =>
        string.Join("; ", traits.Where(t => !(skipClothing && t.Name == WardrobePin.ClothingAspect)).Select(t => $"{t.Name.Replace('_', ' ')}: {t.Description}"));

    private static void WriteStyle(StringBuilder text, PromptSpec spec)
    {
        var sheets = spec.References.Where(r => r.Role == ReferenceRole.StyleSheet).Select(r => r.Number).ToList();
        if (spec.Style is { } style)
        {
            text.Append("\nSTYLE: ").Append(style.Name).Append(" - ").Append(style.Description).Append('.');
            if (style.Avoid is { } avoid)
            {
                text.Append(" Avoid: ").Append(avoid).Append('.');
            }

            text.Append('\n');
        }

        if (sheets.Count > 0)
        {
            text.Append("Style sheet: ").Append(SpecText.Images(sheets)).Append(" (palette, line and texture only).\n");
        }
    }

    private static string Scene(Scene scene, PromptSpec spec)
    {
        var parts = new List<string> { scene.Beat };
        if (scene.Setting is { } setting)
        {
            parts.Add("setting: " + setting);
        }

        if (scene.TimeOfDay is { } time)
        {
            parts.Add("time of day: " + time);
        }

        if (scene.Framing is { } framing)
        {
            parts.Add("camera: " + framing);
        }

        if (scene.Cast.Count > 0)
        {
            parts.Add("only " + SpecText.And([.. scene.Cast.Select(name => spec.Subjects.FirstOrDefault(s => s.Name == name) is { } s ? $"{name} ({SpecText.Images(s.ReferenceImages)})" : name)]) + " appear");
        }

        parts.AddRange(scene.Wardrobe.Select(pair => $"{pair.Key} wears {pair.Value.Outfit}"));
        return string.Join("; ", parts) + ".";
    }

    private static List<string> Rules(PromptSpec spec)
    {
        var rules = new List<string>();
        if (spec.Subjects.Count > 0)
        {
            rules.Add("Everyone and everything above stays recognisably the same as in its reference images; pose, expression, light and setting follow the beat, never the references.");
        }

        if (spec.Layout is { } layout)
        {
            rules.Add(layout.GutterPixels == 0
                ? "Panels meet edge to edge with no gutter; keep each panel's content inside its own rectangle."
                : string.Create(CultureInfo.InvariantCulture, $"Separate the panels with plain gutters {layout.GutterPixels} px wide; keep each panel's content inside its own rectangle."));
            rules.Add("Do not draw panel names, numbers, captions or any other text.");
        }

        rules.AddRange(spec.Constraints);
        return rules;
    }
}
