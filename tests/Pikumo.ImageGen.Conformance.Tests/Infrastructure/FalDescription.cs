using System.Text.RegularExpressions;

namespace Pikumo.ImageGen.Conformance.Tests.Infrastructure;

/// <summary>
/// fal's description of <c>openai/gpt-image-2</c> and <c>openai/gpt-image-2/edit</c>: the field names and enums of
/// the input types as fal-js generates them (vendored <c>fal-js/gpt-image-2.types.ts</c>), plus the rules fal states
/// only in prose. fal's <c>llms.txt</c> model pages could not be vendored (no stored copy); the prose rules are
/// cited from <c>shared/api/fal.md</c>, which quotes them.
/// </summary>
public static partial class FalDescription
{
    /// <summary>num_images: 1–4 (fal.md §3, Q2: fal's llms.txt as transcribed by two integrators; fal-js states no bound).</summary>
    public const int MaxImages = 4;

    /// <summary>image_urls: "A maximum of 16 images are allowed" (fal-js GptImage2EditInput.image_urls doc comment).</summary>
    public const int MaxImageUrls = 16;

    /// <summary>The field names of one input type (<c>GptImage2Input</c> or <c>GptImage2EditInput</c>), optional or not.</summary>
    public static IReadOnlyDictionary<string, bool> Fields(string type)
    {
        var source = ApiDescriptions.Text("fal-js/gpt-image-2.types.ts");
        var start = source.IndexOf($"export type {type} = {{", StringComparison.Ordinal);
        var end = source.IndexOf("\n};", start, StringComparison.Ordinal);
        return FieldLine().Matches(source[start..end]).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value != "?");
    }

    /// <summary>The string literals a field of a type allows (its union's quoted members).</summary>
    public static IReadOnlyList<string> Literals(string type, string field)
    {
        var source = ApiDescriptions.Text("fal-js/gpt-image-2.types.ts");
        var start = source.IndexOf($"export type {type} = {{", StringComparison.Ordinal);
        var at = source.IndexOf($"  {field}?:", start, StringComparison.Ordinal);
        var end = source.IndexOf(';', at);
        return [.. Quoted().Matches(source[at..end]).Select(m => m.Groups[1].Value)];
    }

    /// <summary>The explicit image_size rule from GptImage2Input's doc comment: multiples of 16, max edge 3840, aspect ≤ 3:1, 655,360–8,294,400 pixels.</summary>
    public static string? CheckSize(int width, int height)
    {
        var longEdge = Math.Max(width, height);
        var shortEdge = Math.Min(width, height);
        long pixels = (long)width * height;
        return width % 16 != 0 || height % 16 != 0 ? "not multiples of 16"
            : longEdge > 3840 ? "edge over 3840"
            : longEdge > 3 * shortEdge ? "aspect over 3:1"
            : pixels is < 655_360 or > 8_294_400 ? "pixels out of range"
            : null;
    }

    [GeneratedRegex(@"^  (\w+)(\??):", RegexOptions.Multiline)]
    private static partial Regex FieldLine();

    [GeneratedRegex("\"([a-z0-9_]+)\"")]
    private static partial Regex Quoted();
}
