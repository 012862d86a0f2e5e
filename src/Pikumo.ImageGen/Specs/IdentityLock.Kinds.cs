namespace Pikumo.ImageGen.Specs;

public sealed partial class IdentityLock
{
    /// <summary>
    /// The default lock of a pet or other creature (<see cref="PromptSpecBuilder.AddCreature"/>): species and breed,
    /// coat or skin colours and markings, eyes, size and build, distinguishing features; pose, expression, setting and
    /// lighting follow the scene.
    /// </summary>
    public static IdentityLock Creature { get; } = new IdentityLockBuilder()
        .MatchExactly("species", "same species and breed as the reference")
        .MatchExactly("colouring", "same coat, fur, feather or skin colours and markings, in the same places")
        .MatchExactly("eyes", "same eye colour and shape")
        .MatchExactly("size", "same size and build relative to the people in the scene")
        .MatchExactly("distinguishing_features", "same ears, tail, collar or other features that tell it apart")
        .DoNotMatch("pose", "follow the scene; do not copy the reference photo's pose")
        .DoNotMatch("expression", "follow the mood of the scene")
        .DoNotMatch("setting", "ignore the reference photo's background")
        .DoNotMatch("lighting", "light for the scene and its time of day, not like the reference photo")
        .Build();

    /// <summary>
    /// The default lock of a prop (<see cref="PromptSpecBuilder.AddProp"/>): shape, colours, materials and markings stay;
    /// where it is, its angle and its lighting follow the scene.
    /// </summary>
    public static IdentityLock Prop { get; } = new IdentityLockBuilder()
        .MatchExactly("shape", "same shape and proportions as the reference")
        .MatchExactly("colours", "same colours and colour placement")
        .MatchExactly("materials", "same materials and surface finish")
        .MatchExactly("markings", "same prints, logos, patterns and wear marks")
        .DoNotMatch("placement", "place it where the scene needs it")
        .DoNotMatch("angle", "show it from the scene's camera angle")
        .DoNotMatch("lighting", "light for the scene, not like the reference photo")
        .Build();

    /// <summary>
    /// The default lock of a location (<see cref="PromptSpecBuilder.AddLocation"/>): its layout, fixed features and
    /// palette stay; light, camera, people and small objects follow the scene.
    /// </summary>
    public static IdentityLock Location { get; } = new IdentityLockBuilder()
        .MatchExactly("layout", "same room or place layout: where walls, doors, windows and large furniture are")
        .MatchExactly("fixed_features", "same fixed features: counters, shelves, fireplace, trees, buildings")
        .MatchExactly("palette", "same wall, floor and surface colours and materials")
        .DoNotMatch("time_of_day", "light for the scene's time of day")
        .DoNotMatch("camera", "frame for the scene; the place may be seen from any side")
        .DoNotMatch("people", "ignore people in the reference photo")
        .DoNotMatch("small_objects", "small objects may move as the story needs")
        .Build();
}
