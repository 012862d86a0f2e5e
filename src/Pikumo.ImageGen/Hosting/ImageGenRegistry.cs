namespace Pikumo.ImageGen;

/// <summary>The names clients were registered under.</summary>
internal sealed class ImageGenRegistry
{
    public HashSet<string> Names { get; } = new(StringComparer.Ordinal);

    public static string HttpClientName(string name) => string.IsNullOrEmpty(name) ? "Pikumo.ImageGen" : "Pikumo.ImageGen." + name;
}
