using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Pikumo.ImageGen.Reporting.Internal;

/// <summary>Fields of a manifest entry that the manifest's public types do not (yet) carry, read if present.</summary>
internal readonly record struct EntryExtras(int? Attempts, string? Judgement);

/// <summary>
/// Reads the optional per-entry fields a report shows when a manifest has them (<c>attempts</c> or <c>retries</c>,
/// <c>judgement</c> or <c>judgements</c>), by position in each list, so the report keeps working as the manifest
/// grows new fields and states.
/// </summary>
internal sealed record ManifestExtras(IReadOnlyList<EntryExtras> References, IReadOnlyList<EntryExtras> Composites, IReadOnlyList<EntryExtras> Frames)
{
    public static async Task<ManifestExtras> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new ManifestExtras(List(document.RootElement, "references"), List(document.RootElement, "composites"), List(document.RootElement, "frames"));
        }
    }

    private static List<EntryExtras> List(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array
            ? [.. list.EnumerateArray().Select(Extras)]
            : [];

    private static EntryExtras Extras(JsonElement entry)
    {
        if (entry.ValueKind != JsonValueKind.Object)
        {
            return default;
        }

        int? attempts = Number(entry, "attempts") ?? (Number(entry, "retries") is { } retries ? retries + 1 : null);
        string? judgement = null;
        foreach (var name in (string[])["judgement", "judgements", "judgment"])
        {
            if (entry.TryGetProperty(name, out var value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined))
            {
                judgement = Text(value);
                break;
            }
        }

        return new EntryExtras(attempts, string.IsNullOrWhiteSpace(judgement) ? null : judgement);
    }

    private static int? Number(JsonElement entry, string name) =>
        entry.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    /// <summary>A JSON value as one line of text: objects as <c>key: value</c> pairs, arrays joined by <c>; </c>.</summary>
    private static string Text(JsonElement value)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.String:
                return value.GetString() ?? string.Empty;
            case JsonValueKind.Array:
                return string.Join("; ", value.EnumerateArray().Select(Text));
            case JsonValueKind.Object:
                var text = new StringBuilder();
                foreach (var property in value.EnumerateObject())
                {
                    text.Append(text.Length > 0 ? ", " : string.Empty).Append(property.Name).Append(": ").Append(Text(property.Value));
                }

                return text.ToString();
            case JsonValueKind.Number:
                return value.GetRawText();
            case JsonValueKind.True:
                return "true";
            case JsonValueKind.False:
                return "false";
            default:
                return string.Empty;
        }
    }
}
