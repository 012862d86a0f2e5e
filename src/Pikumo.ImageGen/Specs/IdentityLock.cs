namespace Pikumo.ImageGen.Specs;

/// <summary>
/// What must stay the same person across images and what must not be copied from the reference photo:
/// the <c>match_exactly</c> traits (face shape, eyes, hair, skin tone, apparent age…) and the
/// <c>do_not_match</c> aspects (clothing, pose, expression, setting, lighting…). Immutable; start from a preset
/// (<see cref="Production"/>, <see cref="FaceAndHair"/>, <see cref="Likeness"/>) and change it with
/// <see cref="ToBuilder"/>, or build one from scratch with <see cref="IdentityLockBuilder"/>.
/// </summary>
public sealed partial class IdentityLock
{
    internal IdentityLock(IdentityTrait[] matchExactly, IdentityTrait[] doNotMatch)
    {
        MatchExactly = Array.AsReadOnly(matchExactly);
        DoNotMatch = Array.AsReadOnly(doNotMatch);
    }

    /// <summary>The traits to keep exactly as in the subject's reference images, in render order; never empty.</summary>
    public IReadOnlyList<IdentityTrait> MatchExactly { get; }

    /// <summary>The aspects not to copy from the reference images (they follow the scene), in render order.</summary>
    public IReadOnlyList<IdentityTrait> DoNotMatch { get; }

    /// <summary>Starts a builder with this lock's entries, to add, remove or describe traits.</summary>
    /// <returns>A new builder; changing it does not change this lock.</returns>
    public IdentityLockBuilder ToBuilder() => new(this);
}
