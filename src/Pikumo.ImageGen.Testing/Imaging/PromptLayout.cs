using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Pikumo.ImageGen.Testing.Imaging;

/// <summary>
/// What the simulator draws for a prompt. The spec builders render prompts as JSON objects: a composite has a
/// top-level <c>layout</c> with <c>rows</c>, <c>columns</c>, <c>canvas</c> (<c>WxH</c>) and <c>panels</c>
/// (<c>[{name, beat}]</c> in reading order); a single scene has a top-level <c>scene</c> with a <c>beat</c>.
/// Anything else is drawn as its text in one panel.
/// </summary>
internal sealed partial record PromptLayout(int Rows, int Columns, ImageSize? Canvas, IReadOnlyList<PromptPanel> Panels, bool IsComposite)
{
    public static PromptLayout Parse(string prompt)
    {
        var trimmed = prompt.AsSpan().Trim();
        if (trimmed.Length > 1 && trimmed[0] == '{')
        {
            try
            {
                using var document = JsonDocument.Parse(prompt);
                var root = document.RootElement;
                if (root.TryGetProperty("layout", out var layout) && layout.ValueKind == JsonValueKind.Object)
                {
                    return FromLayout(layout);
                }

                if (root.TryGetProperty("scene", out var scene) && scene.ValueKind == JsonValueKind.Object)
                {
                    var beat = Text(scene, "beat") ?? string.Empty;
                    return Single(Text(scene, "name") ?? "scene", beat);
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: drawn as text.
            }
        }

        return PlainText(prompt) ?? Single(string.Empty, prompt);
    }

    /// <summary>The plain-text rendering of a spec (models that do not read JSON): <c>LAYOUT: R rows by C columns on a WxH canvas</c> with <c>- Panel N (…): beat</c> lines, or <c>SCENE: beat</c>.</summary>
    private static PromptLayout? PlainText(string prompt)
    {
        if (PlainLayout().Match(prompt) is { Success: true } layout)
        {
            var rows = Math.Clamp(int.Parse(layout.Groups[1].Value, CultureInfo.InvariantCulture), 1, 16);
            var columns = Math.Clamp(int.Parse(layout.Groups[2].Value, CultureInfo.InvariantCulture), 1, 16);
            var panels = PlainPanel().Matches(prompt).Select(m => new PromptPanel($"panel_{m.Groups[1].Value}", m.Groups[2].Value.Trim())).Take(rows * columns).ToList();
            for (var i = panels.Count; i < rows * columns; i++)
            {
                panels.Add(new PromptPanel($"panel_{i + 1}", string.Empty));
            }

            ImageSize? canvas = ImageSize.TryParse(layout.Groups[3].Value, out var size) && !size.IsAuto ? size : (ImageSize?)null;
            return new PromptLayout(rows, columns, canvas, panels, IsComposite: true);
        }

        return PlainScene().Match(prompt) is { Success: true } scene ? Single("scene", scene.Groups[1].Value.Trim()) : null;
    }

    [GeneratedRegex(@"^LAYOUT: (\d+) rows? by (\d+) columns? on an? (\d+x\d+|auto) canvas", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex PlainLayout();

    [GeneratedRegex(@"^- Panel (\d+) \([^)]*\): (.*)$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex PlainPanel();

    [GeneratedRegex(@"^SCENE: (.*)$", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex PlainScene();

    private static PromptLayout Single(string name, string beat) => new(1, 1, null, [new PromptPanel(name, beat)], IsComposite: false);

    private static PromptLayout FromLayout(JsonElement layout)
    {
        var panels = new List<PromptPanel>();
        if (layout.TryGetProperty("panels", out var list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (var panel in list.EnumerateArray())
            {
                panels.Add(panel.ValueKind == JsonValueKind.Object
                    ? new PromptPanel(Text(panel, "name") ?? $"panel_{panels.Count + 1}", Text(panel, "beat") ?? string.Empty)
                    : new PromptPanel($"panel_{panels.Count + 1}", panel.ToString()));
            }
        }

        var rows = Number(layout, "rows");
        var columns = Number(layout, "columns");
        if (rows is null || columns is null)
        {
            // A layout without a grid: as square as the panels allow.
            columns ??= Math.Max(1, (int)Math.Ceiling(Math.Sqrt(Math.Max(1, panels.Count))));
            rows ??= Math.Max(1, (int)Math.Ceiling(Math.Max(1, panels.Count) / (double)columns));
        }

        var r = Math.Clamp(rows.Value, 1, 16);
        var c = Math.Clamp(columns.Value, 1, 16);
        for (var i = panels.Count; i < r * c; i++)
        {
            panels.Add(new PromptPanel($"panel_{i + 1}", string.Empty));
        }

        ImageSize? canvas = null;
        if (ImageSize.TryParse(Text(layout, "canvas"), out var size) && !size.IsAuto)
        {
            canvas = size;
        }

        return new PromptLayout(r, c, canvas, panels.GetRange(0, r * c), IsComposite: true);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) ? value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => value.ToString(),
        }
        : null;

    private static int? Number(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }

        return value.ValueKind == JsonValueKind.String && int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out number) ? number : null;
    }
}

/// <summary>One panel of a prompt: its name and what happens in it.</summary>
internal sealed record PromptPanel(string Name, string Beat);
