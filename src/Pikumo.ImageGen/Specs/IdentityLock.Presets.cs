namespace Pikumo.ImageGen.Specs;

public sealed partial class IdentityLock
{
    /// <summary>
    /// The seed's production lock, "full <c>match_exactly</c> + <c>do_not_match</c>": ten traits (face shape, eyes,
    /// eyebrows, nose, mouth, hair, skin tone, apparent age, build, distinguishing marks) and six free aspects
    /// (clothing, pose, expression, setting, lighting, camera). Identity held across n=4 variants, 2×2 composites and
    /// 8-panel storyboards with it. Pin the outfit with a <see cref="WardrobePin"/> when it must not drift.
    /// </summary>
    public static IdentityLock Production { get; } = new IdentityLockBuilder()
        .MatchExactly("face_shape", "same face shape, jawline and cheekbones as the reference")
        .MatchExactly("eyes", "same eye shape, size, spacing and colour")
        .MatchExactly("eyebrows", "same eyebrow shape and thickness")
        .MatchExactly("nose", "same nose shape and size")
        .MatchExactly("mouth", "same lip shape and mouth width")
        .MatchExactly("hair", "same hair colour, length, texture, parting and style")
        .MatchExactly("skin_tone", "same skin tone and undertone")
        .MatchExactly("apparent_age", "same apparent age")
        .MatchExactly("build", "same body build and proportions")
        .MatchExactly("distinguishing_marks", "same moles, freckles, scars and other marks, in the same places")
        .DoNotMatch(WardrobePin.ClothingAspect, "dress the subject for the scene, not in the reference photo's outfit")
        .DoNotMatch("pose", "follow the scene; do not copy the reference photo's pose")
        .DoNotMatch("expression", "follow the mood of the scene")
        .DoNotMatch("setting", "ignore the reference photo's background")
        .DoNotMatch("lighting", "light for the scene and its time of day, not like the reference photo")
        .DoNotMatch("camera", "frame for the scene, not the reference photo's crop")
        .Build();

    /// <summary>
    /// A lighter lock: face shape, eyes, hair, skin tone and apparent age; clothing, pose, expression, setting and
    /// lighting free. For secondary characters, or when a trait list of ten is more than the prompt needs.
    /// </summary>
    public static IdentityLock FaceAndHair { get; } = new IdentityLockBuilder()
        .MatchExactly("face_shape", "same face shape, jawline and cheekbones as the reference")
        .MatchExactly("eyes", "same eye shape, size, spacing and colour")
        .MatchExactly("hair", "same hair colour, length, texture, parting and style")
        .MatchExactly("skin_tone", "same skin tone and undertone")
        .MatchExactly("apparent_age", "same apparent age")
        .DoNotMatch(WardrobePin.ClothingAspect, "dress the subject for the scene, not in the reference photo's outfit")
        .DoNotMatch("pose", "follow the scene; do not copy the reference photo's pose")
        .DoNotMatch("expression", "follow the mood of the scene")
        .DoNotMatch("setting", "ignore the reference photo's background")
        .DoNotMatch("lighting", "light for the scene and its time of day, not like the reference photo")
        .Build();

    /// <summary>
    /// The lightest lock: one <c>likeness</c> trait (a recognisable resemblance of face, hair and age); clothing,
    /// pose and setting free. For background figures or loose stylisation; identity drifts more than with
    /// <see cref="Production"/>.
    /// </summary>
    public static IdentityLock Likeness { get; } = new IdentityLockBuilder()
        .MatchExactly("likeness", "recognisably the same person as the reference: face, hair and apparent age")
        .DoNotMatch(WardrobePin.ClothingAspect, "dress the subject for the scene, not in the reference photo's outfit")
        .DoNotMatch("pose", "follow the scene; do not copy the reference photo's pose")
        .DoNotMatch("setting", "ignore the reference photo's background")
        .Build();
}
