namespace Pikumo.ImageGen.Specs;

/// <summary>
/// The look of the image (rendered as <c>"style"</c>): a name, a description of the medium, line, palette and
/// light, and optionally what to avoid. Use a preset (the seed's <see cref="Dreamscape"/> first) or create a
/// custom style; derive a variation of a preset with <c>with</c>.
/// </summary>
public sealed record ImageStyle
{
    /// <summary>Creates a custom style.</summary>
    /// <param name="name">A short name, for example <c>linocut print</c>; trimmed, not empty.</param>
    /// <param name="description">The medium, line, palette and light; trimmed, not empty.</param>
    /// <exception cref="ArgumentException">A parameter is null, empty or whitespace.</exception>
    public ImageStyle(string name, string description)
    {
        Name = SpecText.Required(name, nameof(name));
        Description = SpecText.Required(description, nameof(description));
    }

    /// <summary>The seed's style: <c>dreamscape (painted anime)</c>, the register all five seed modes were measured in.</summary>
    public static ImageStyle Dreamscape { get; } = new(
        "dreamscape (painted anime)",
        "painted anime: clean anime line work under soft painterly colour, luminous pastel palette, dreamy atmospheric light with gentle bloom, detailed painted backgrounds")
    {
        Avoid = "photorealism, 3D rendering, harsh black outlines, chibi proportions",
    };

    /// <summary>A children's picture-book watercolour.</summary>
    public static ImageStyle StorybookWatercolour { get; } = new(
        "storybook watercolour",
        "picture-book watercolour: soft transparent washes with visible paper texture, loose pencil lines, warm gentle palette, simple readable shapes")
    {
        Avoid = "photorealism, glossy digital shading, hard vector edges",
    };

    /// <summary>Comic-book ink and flat colour.</summary>
    public static ImageStyle ComicInk { get; } = new(
        "comic ink",
        "comic-book ink: bold confident black ink lines, spot blacks and hatching, flat colours with limited cel shading, clear dynamic staging")
    {
        Avoid = "photorealism, airbrushed gradients, painterly blur",
    };

    /// <summary>A photograph.</summary>
    public static ImageStyle Photoreal { get; } = new(
        "photoreal",
        "photorealistic photograph: natural skin texture, realistic light and depth of field, true-to-life colour, 35 mm lens look")
    {
        Avoid = "illustration, painterly brushwork, cartoon proportions, plastic-looking skin",
    };

    /// <summary>A 3D animated feature film.</summary>
    public static ImageStyle Animated3D { get; } = new(
        "3D animated",
        "3D animated feature film: stylised but solid characters, soft global illumination, subsurface skin, rich saturated colour, cinematic staging")
    {
        Avoid = "photorealism, flat 2D shading, uncanny realistic faces",
    };

    /// <summary>Every preset, <see cref="Dreamscape"/> first: the choices a style picker offers.</summary>
    public static IReadOnlyList<ImageStyle> Presets { get; } = Array.AsReadOnly([Dreamscape, StorybookWatercolour, ComicInk, Photoreal, Animated3D]);

    /// <summary>The name (rendered as <c>"style.name"</c>).</summary>
    public string Name { get; init => field = SpecText.Required(value, nameof(Name)); }

    /// <summary>The medium, line, palette and light (rendered as <c>"style.description"</c>).</summary>
    public string Description { get; init => field = SpecText.Required(value, nameof(Description)); }

    /// <summary>What the style must not look like (rendered as <c>"style.avoid"</c>); trimmed, empty means none.</summary>
    public string? Avoid { get; init => field = SpecText.Optional(value); }
}
