namespace Pikumo.ImageGen.Specs;

/// <summary>
/// Fixes a subject's outfit. Without a pin, clothing sits in the identity lock's <c>do_not_match</c> block and
/// is free to change; the seed measured that n=4 variants of one prompt then came back in four different
/// outfits (striped pajamas, floral pajamas, a plain top). A pin moves clothing from free to fixed: the subject's
/// <c>do_not_match</c> loses its <c>clothing</c> entry and the subject gains a <c>"wardrobe"</c> block that
/// describes the one outfit to wear in every variant, panel and frame.
/// </summary>
public sealed record WardrobePin
{
    /// <summary>The <c>do_not_match</c> entry a pin takes over.</summary>
    internal const string ClothingAspect = "clothing";

    /// <summary>Pins an outfit.</summary>
    /// <param name="outfit">The outfit, as concrete as possible: garments, colours, patterns, shoes, accessories.</param>
    /// <exception cref="ArgumentException"><paramref name="outfit"/> is null, empty or whitespace.</exception>
    public WardrobePin(string outfit) => Outfit = SpecText.Required(outfit, nameof(outfit));

    /// <summary>The outfit to wear (rendered as <c>"wardrobe.outfit"</c>).</summary>
    public string Outfit { get; }
}
