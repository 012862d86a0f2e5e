namespace Pikumo.ImageGen;

/// <summary>
/// Start-up checks for settings whose type is an open value set (quality, input fidelity, background, output format,
/// moderation, size). The sets are open so a newer model's value can be used without a library update, but a value
/// in configuration that no model in the capability table takes (a typo such as <c>"ultra"</c>) fails at start-up
/// with the values that are known, instead of at the first paid call.
/// </summary>
internal static class OpenValueSettings
{
    /// <summary>Every quality a catalogued model takes (extend <see cref="ImageGenOptions.Models"/> for a newer value).</summary>
    public static IReadOnlyCollection<string> Qualities(ImageModelCatalog catalog) =>
        Distinct(catalog.Models.Append(catalog.Fallback).SelectMany(m => m.Qualities).Select(q => q.Value));

    /// <summary>Every output format a catalogued model makes.</summary>
    public static IReadOnlyCollection<string> OutputFormats(ImageModelCatalog catalog) =>
        Distinct(catalog.Models.Append(catalog.Fallback).SelectMany(m => m.OutputFormats).Select(f => f.Value));

    /// <summary>The well-known input fidelities.</summary>
    public static IReadOnlyCollection<string> InputFidelities { get; } = [InputFidelity.High.Value, InputFidelity.Low.Value];

    /// <summary>The well-known backgrounds.</summary>
    public static IReadOnlyCollection<string> Backgrounds { get; } = [ImageBackground.Auto.Value, ImageBackground.Opaque.Value, ImageBackground.Transparent.Value];

    /// <summary>The well-known moderation levels.</summary>
    public static IReadOnlyCollection<string> Moderations { get; } = [ImageModeration.Auto.Value, ImageModeration.Low.Value];

    /// <summary>Adds a failure when <paramref name="value"/> is not one of <paramref name="known"/> (case-insensitive).</summary>
    public static void Check(List<string> failures, string setting, string value, IReadOnlyCollection<string> known)
    {
        if (!known.Contains(value.Trim(), StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"{setting} '{value}' is not a known value; use one of {string.Join(", ", known)} (a newer model's value needs its entry in Models).");
        }
    }

    /// <summary>Adds a failure when <paramref name="value"/> is not a size (<c>auto</c> or <c>WIDTHxHEIGHT</c>).</summary>
    public static void CheckSize(List<string> failures, string setting, string value)
    {
        if (!ImageSize.TryParse(value, out _))
        {
            failures.Add($"{setting} '{value}' is not a size; use 'auto' or WIDTHxHEIGHT such as 1536x1024.");
        }
    }

    private static string[] Distinct(IEnumerable<string> values) => [.. values.Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
}
