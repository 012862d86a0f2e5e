namespace Pikumo.ImageGen.Specs;

/// <summary>
/// One entry of an <see cref="IdentityLock"/>: a trait that must match the reference exactly
/// (<c>match_exactly</c>), or an aspect that must not be copied from it and follows the scene instead
/// (<c>do_not_match</c>). The name is the JSON key, the description its value.
/// </summary>
public sealed record IdentityTrait
{
    /// <summary>Creates an entry.</summary>
    /// <param name="name">The key, for example <c>hair</c> or <c>clothing</c>; trimmed, not empty.</param>
    /// <param name="description">What it means, for example <c>shoulder-length black hair with bangs</c>; trimmed, not empty.</param>
    /// <exception cref="ArgumentException">A parameter is null, empty or whitespace.</exception>
    public IdentityTrait(string name, string description)
    {
        Name = SpecText.Required(name, nameof(name));
        Description = SpecText.Required(description, nameof(description));
    }

    /// <summary>The key, unique within one identity lock.</summary>
    public string Name { get; }

    /// <summary>The description.</summary>
    public string Description { get; }
}
