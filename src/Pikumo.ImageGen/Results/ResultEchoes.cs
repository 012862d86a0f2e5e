namespace Pikumo.ImageGen;

/// <summary>Turns the settings a provider echoes in its answer into the typed values requests use; an echo that is not a valid value is dropped.</summary>
internal static class ResultEchoes
{
    public static ImageSize? Size(string? value) => ImageSize.TryParse(value, out var size) ? size : default(ImageSize?);

    public static ImageQuality? Quality(string? value) => IsBlank(value) ? default(ImageQuality?) : new ImageQuality(value!);

    public static ImageBackground? Background(string? value) => IsBlank(value) ? default(ImageBackground?) : new ImageBackground(value!);

    public static ImageFormat? Format(string? value) => IsBlank(value) ? default(ImageFormat?) : new ImageFormat(value!);

    private static bool IsBlank(string? value) => string.IsNullOrWhiteSpace(value);
}
