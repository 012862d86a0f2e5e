using System.Globalization;

namespace Pikumo.ImageGen.Specs;

/// <summary>Text helpers shared by the spec builders: guards that name the parameter, and invariant English lists.</summary>
internal static class SpecText
{
    /// <summary>Trims a required text; throws when it is null, empty or whitespace.</summary>
    public static string Required(string? value, string paramName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, paramName);
        return value.Trim();
    }

    /// <summary>Trims an optional text; empty or whitespace becomes <see langword="null"/>.</summary>
    public static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>"1 row", "2 rows".</summary>
    public static string Count(int count, string singular, string plural) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {(count == 1 ? singular : plural)}");

    /// <summary>"image 1", "images 2 and 3", "images 1, 2 and 3".</summary>
    public static string Images(IReadOnlyList<int> numbers) =>
        (numbers.Count == 1 ? "image " : "images ")
        + And(numbers.Select(n => n.ToString(CultureInfo.InvariantCulture)).ToList());

    /// <summary>"a", "a and b", "a, b and c".</summary>
    public static string And(IReadOnlyList<string> items) => items.Count switch
    {
        0 => string.Empty,
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " and " + items[^1],
    };
}
