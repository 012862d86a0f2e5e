using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pikumo.ImageGen.Specs;

/// <summary>
/// Renders a <see cref="PromptSpec"/> as the prompt's JSON document. Everything that reaches the output is fixed
/// here: key order, 2-space indent, <c>\n</c> newlines, invariant numbers, relaxed escaping (non-ASCII and quotes
/// stay readable), optional keys left out rather than written as null.
/// </summary>
internal static partial class PromptSpecWriter
{
    private const string WardrobeRule = "wear exactly this outfit in every image, variant and panel: same garments, colours, patterns and fit";

    private static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        IndentCharacter = ' ',
        IndentSize = 2,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(PromptSpec spec)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("task", Task(spec));
            WriteReferences(json, spec.References);
            WriteSubjects(json, spec);
            WriteStyle(json, spec.Style, spec.References);
            if (spec.Layout is { } layout)
            {
                WriteLayout(json, layout, spec);
            }
            else
            {
                json.WritePropertyName("scene");
                json.WriteStartObject();
                WriteScene(json, spec.Scene!, spec);
                json.WriteEndObject();
            }

            WriteConstraints(json, spec);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static string Task(PromptSpec spec)
    {
        // People and creatures are "subjects" in the task; props and locations are held by their own blocks.
        var living = spec.Subjects.Where(s => s.Kind is SubjectKind.Person or SubjectKind.Creature).ToList();
        var subjects = SpecText.And(living.Select(s => $"{s.Name} ({SpecText.Images(s.ReferenceImages)})").ToList());
        var same = living.All(s => s.Kind == SubjectKind.Person) ? "person" : "person or animal";
        var style = spec.Style is null ? string.Empty : ", in the style below";
        var text = new StringBuilder();
        if (spec.Layout is { } layout)
        {
            text.Append(CultureInfo.InvariantCulture, $"Draw one {layout.Canvas} image laid out as a grid of {SpecText.Count(layout.Rows, "row", "rows")} by {SpecText.Count(layout.Columns, "column", "columns")}: ")
                .Append(CultureInfo.InvariantCulture, $"{SpecText.Count(layout.Panels.Count, "panel", "panels")} read left to right, top to bottom, each showing the beat of its entry in layout.panels{style}.");
            if (living.Count > 0)
            {
                text.Append(' ').Append(subjects).Append(living.Count == 1 ? $" must stay the same {same}" : $" must each stay the same {same}")
                    .Append(" in every panel they appear in.");
            }
        }
        else
        {
            text.Append("Draw one image").Append(living.Count > 0 ? $" of {subjects}" : string.Empty)
                .Append(" showing the scene below").Append(style).Append('.');
        }

        if (spec.Subjects.Count > 0)
        {
            text.Append(" Keep every match_exactly trait exactly as in the subject's reference images; take the do_not_match aspects from ")
                .Append(spec.Layout is null ? "the scene" : "each panel's beat").Append(", never from the references.");
        }

        if (HasCast(spec))
        {
            text.Append(spec.Layout is null ? " Show only the scene's cast." : " Show in each panel only its cast.");
        }

        if (HasBeatWardrobe(spec))
        {
            text.Append(" Where a beat gives a wardrobe, dress that person exactly so in that beat.");
        }

        return text.ToString();
    }

    private static void WriteStyle(Utf8JsonWriter json, ImageStyle? style, IReadOnlyList<ReferenceImage> references)
    {
        var sheets = references.Where(r => r.Role == ReferenceRole.StyleSheet).Select(r => r.Number).ToArray();
        if (style is null && sheets.Length == 0)
        {
            return;
        }

        json.WritePropertyName("style");
        json.WriteStartObject();
        if (style is not null)
        {
            json.WriteString("name", style.Name);
            json.WriteString("description", style.Description);
            if (style.Avoid is { } avoid)
            {
                json.WriteString("avoid", avoid);
            }
        }

        if (sheets.Length > 0)
        {
            WriteNumbers(json, "reference_images", sheets);
        }

        json.WriteEndObject();
    }

    private static void WriteLayout(Utf8JsonWriter json, CompositeLayout layout, PromptSpec spec)
    {
        json.WritePropertyName("layout");
        json.WriteStartObject();
        json.WriteNumber("rows", layout.Rows);
        json.WriteNumber("columns", layout.Columns);
        json.WriteString("canvas", layout.Canvas.ToString());
        json.WriteString("panel_size", layout.PanelSize.ToString());
        json.WriteNumber("gutter_pixels", layout.GutterPixels);
        json.WriteString("reading_order", "left to right, top to bottom");
        json.WritePropertyName("panels");
        json.WriteStartArray();
        foreach (var panel in layout.Panels)
        {
            json.WriteStartObject();
            json.WriteString("name", panel.Name);
            json.WriteString("position", string.Create(CultureInfo.InvariantCulture, $"row {panel.Row + 1}, column {panel.Column + 1}"));
            WriteScene(json, panel.Beat, spec);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteScene(Utf8JsonWriter json, Scene scene, PromptSpec spec)
    {
        json.WriteString("beat", scene.Beat);
        WriteOptional(json, "setting", scene.Setting);
        WriteOptional(json, "time_of_day", scene.TimeOfDay);
        WriteOptional(json, "camera", scene.Framing);
        WriteCast(json, scene, spec);
    }

    private static void WriteConstraints(Utf8JsonWriter json, PromptSpec spec)
    {
        var constraints = new List<string>();
        if (spec.Layout is { } layout)
        {
            constraints.Add(layout.GutterPixels == 0
                ? "panels meet edge to edge with no gutter; keep each panel's content inside its own rectangle"
                : string.Create(CultureInfo.InvariantCulture, $"separate the panels with plain gutters {layout.GutterPixels} px wide; keep each panel's content inside its own rectangle"));
            constraints.Add("do not draw panel names, numbers, captions or any other text");
        }

        constraints.AddRange(spec.Constraints);
        if (constraints.Count == 0)
        {
            return;
        }

        json.WritePropertyName("constraints");
        json.WriteStartArray();
        foreach (var constraint in constraints)
        {
            json.WriteStringValue(constraint);
        }

        json.WriteEndArray();
    }

    private static void WriteOptional(Utf8JsonWriter json, string name, string? value)
    {
        if (value is not null)
        {
            json.WriteString(name, value);
        }
    }
}
