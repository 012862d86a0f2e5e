namespace Pikumo.ImageGen.Specs;

/// <summary>
/// Builds an <see cref="IdentityLock"/>. Not thread-safe; <see cref="Build"/> returns an immutable lock and the
/// builder can go on changing. Entry names are unique across both blocks: putting a name into one block takes
/// it out of the other, and putting it again into the same block re-describes it in place.
/// </summary>
/// <example>
/// <code>
/// var identity = IdentityLock.Production.ToBuilder()
///     .Describe("hair", "shoulder-length black hair with bangs")
///     .Remove("distinguishing_marks")
///     .DoNotMatch("accessories", "glasses and jewellery may change")
///     .Build();
/// </code>
/// </example>
public sealed class IdentityLockBuilder
{
    private const string DefaultMatchDescription = "same as in the reference image";
    private const string DefaultFreeDescription = "free to change with the scene";

    private readonly List<IdentityTrait> _matchExactly = [];
    private readonly List<IdentityTrait> _doNotMatch = [];

    /// <summary>Starts an empty lock.</summary>
    public IdentityLockBuilder()
    {
    }

    /// <summary>Starts from a preset or any other lock.</summary>
    /// <param name="preset">The lock to copy, for example <see cref="IdentityLock.Production"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="preset"/> is null.</exception>
    public IdentityLockBuilder(IdentityLock preset)
    {
        ArgumentNullException.ThrowIfNull(preset);
        _matchExactly.AddRange(preset.MatchExactly);
        _doNotMatch.AddRange(preset.DoNotMatch);
    }

    /// <summary>
    /// Adds a trait to <c>match_exactly</c>, or re-describes it if it is there already (keeping its place);
    /// a <c>do_not_match</c> entry of the same name is removed.
    /// </summary>
    /// <param name="trait">The key, for example <c>hair</c>.</param>
    /// <param name="description">What to match, for example <c>shoulder-length black hair with bangs</c>; <see langword="null"/> for "same as in the reference image".</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="trait"/> is empty, or <paramref name="description"/> is empty or whitespace.</exception>
    public IdentityLockBuilder MatchExactly(string trait, string? description = null)
    {
        var entry = new IdentityTrait(SpecText.Required(trait, nameof(trait)), SpecText.Required(description ?? DefaultMatchDescription, nameof(description)));
        Put(_matchExactly, _doNotMatch, entry);
        return this;
    }

    /// <summary>
    /// Adds an aspect to <c>do_not_match</c> (free to change, never copied from the reference), or re-describes it
    /// (keeping its place); a <c>match_exactly</c> entry of the same name is removed.
    /// </summary>
    /// <param name="aspect">The key, for example <c>clothing</c>.</param>
    /// <param name="description">How it may change; <see langword="null"/> for "free to change with the scene".</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="aspect"/> is empty, or <paramref name="description"/> is empty or whitespace.</exception>
    public IdentityLockBuilder DoNotMatch(string aspect, string? description = null)
    {
        var entry = new IdentityTrait(SpecText.Required(aspect, nameof(aspect)), SpecText.Required(description ?? DefaultFreeDescription, nameof(description)));
        Put(_doNotMatch, _matchExactly, entry);
        return this;
    }

    /// <summary>Changes the description of an entry in either block, keeping its block and place.</summary>
    /// <param name="name">The key of an existing entry.</param>
    /// <param name="description">The new description.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">No entry is named <paramref name="name"/>, or a parameter is empty.</exception>
    public IdentityLockBuilder Describe(string name, string description)
    {
        var entry = new IdentityTrait(name, description);
        var list = IndexOf(_matchExactly, entry.Name) >= 0 ? _matchExactly
            : IndexOf(_doNotMatch, entry.Name) >= 0 ? _doNotMatch
            : throw Missing(entry.Name, nameof(name));
        list[IndexOf(list, entry.Name)] = entry;
        return this;
    }

    /// <summary>Removes an entry from whichever block holds it.</summary>
    /// <param name="name">The key of an existing entry.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">No entry is named <paramref name="name"/> (a typo would otherwise go unnoticed).</exception>
    public IdentityLockBuilder Remove(string name)
    {
        var key = SpecText.Required(name, nameof(name));
        if (_matchExactly.RemoveAll(t => t.Name == key) + _doNotMatch.RemoveAll(t => t.Name == key) == 0)
        {
            throw Missing(key, nameof(name));
        }

        return this;
    }

    /// <summary>Creates the lock.</summary>
    /// <returns>An immutable lock.</returns>
    /// <exception cref="InvalidOperationException"><c>match_exactly</c> is empty: a lock that matches nothing holds no identity.</exception>
    public IdentityLock Build()
    {
        if (_matchExactly.Count == 0)
        {
            throw new InvalidOperationException("An identity lock needs at least one match_exactly trait; add one with MatchExactly.");
        }

        return new IdentityLock([.. _matchExactly], [.. _doNotMatch]);
    }

    private static void Put(List<IdentityTrait> into, List<IdentityTrait> other, IdentityTrait entry)
    {
        other.RemoveAll(t => t.Name == entry.Name);
        var index = IndexOf(into, entry.Name);
        if (index >= 0)
        {
            into[index] = entry;
        }
        else
        {
            into.Add(entry);
        }
    }

    private static int IndexOf(List<IdentityTrait> list, string name) => list.FindIndex(t => t.Name == name);

    private ArgumentException Missing(string name, string paramName) => new(
        $"The identity lock has no entry named '{name}'. Entries: {string.Join(", ", _matchExactly.Concat(_doNotMatch).Select(t => t.Name))}.",
        paramName);
}
