namespace Pikumo.ImageGen.Specs;

/// <summary>
/// What happens in one image, or in one panel of a composite: the beat (the action), and optionally where,
/// when and how it is framed. Rendered as <c>"scene"</c> for a single image and into each entry of
/// <c>"layout.panels"</c> for a composite. Text converts implicitly to a scene with just a beat.
/// </summary>
public sealed partial record Scene
{
    /// <summary>Creates a scene from its beat.</summary>
    /// <param name="beat">What happens, for example <c>morning coffee</c>; trimmed, not empty.</param>
    /// <exception cref="ArgumentException"><paramref name="beat"/> is null, empty or whitespace.</exception>
    public Scene(string beat) => Beat = SpecText.Required(beat, nameof(beat));

    /// <summary>What happens: the action or story beat (rendered as <c>"beat"</c>).</summary>
    public string Beat { get; }

    /// <summary>Where it happens, for example <c>small sunlit apartment kitchen</c> (rendered as <c>"setting"</c>); trimmed, empty means none.</summary>
    public string? Setting { get; init => field = SpecText.Optional(value); }

    /// <summary>When it happens, for example <c>early morning</c> (rendered as <c>"time_of_day"</c>); trimmed, empty means none.</summary>
    public string? TimeOfDay { get; init => field = SpecText.Optional(value); }

    /// <summary>How the camera frames it, for example <c>medium shot, eye level</c> (rendered as <c>"camera"</c>); trimmed, empty means none.</summary>
    public string? Framing { get; init => field = SpecText.Optional(value); }

    /// <summary>Creates a scene with only a beat.</summary>
    /// <param name="beat">What happens.</param>
    public static implicit operator Scene(string beat) => new(beat);

    /// <summary>Creates a scene with only a beat (the named form of the implicit conversion).</summary>
    /// <param name="beat">What happens.</param>
    /// <returns>The scene.</returns>
    public static Scene FromBeat(string beat) => new(beat);
}
