using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Tests.Specs;

/// <summary>The seed's five modes and each preset, as specs: the inputs of the golden files.</summary>
internal static class SeedSpecs
{
    public const string Subject = "Mia";

    public static readonly WardrobePin PinnedOutfit = new("cream cable-knit sweater over light-blue pajama trousers with thin white stripes, grey felt slippers");

    public static readonly string[] StoryboardBeats =
    [
        "early-morning bedroom", "coffee", "train commute", "cafe lunch",
        "afternoon reading", "midday park", "dinner cooking", "dusk balcony",
    ];

    /// <summary>The scene of modes A and B.</summary>
    public static Scene MorningCoffee { get; } = new("Mia drinks her morning coffee by the kitchen window")
    {
        Setting = "a small sunlit apartment kitchen",
        TimeOfDay = "early morning",
        Framing = "medium shot, eye level",
    };

    /// <summary>Golden file name → spec.</summary>
    public static IReadOnlyDictionary<string, Func<PromptSpec>> Golden { get; } = new Dictionary<string, Func<PromptSpec>>
    {
        ["identity-production.json"] = () => IdentityPreset(IdentityLock.Production),
        ["identity-face-and-hair.json"] = () => IdentityPreset(IdentityLock.FaceAndHair),
        ["identity-likeness.json"] = () => IdentityPreset(IdentityLock.Likeness),
        ["style-dreamscape.json"] = () => StylePreset(ImageStyle.Dreamscape),
        ["style-storybook-watercolour.json"] = () => StylePreset(ImageStyle.StorybookWatercolour),
        ["style-comic-ink.json"] = () => StylePreset(ImageStyle.ComicInk),
        ["style-photoreal.json"] = () => StylePreset(ImageStyle.Photoreal),
        ["style-3d-animated.json"] = () => StylePreset(ImageStyle.Animated3D),
        ["mode-a-single-scene.json"] = ModeA,
        ["mode-b-variants-pinned-outfit.json"] = ModeB,
        ["mode-c-2x2-day-in-the-life.json"] = ModeC,
        ["mode-d-2x4-storyboard-1024x1024.json"] = ModeD,
        ["mode-e-2x4-storyboard-1536x1024.json"] = ModeE,
        ["sequence-chunk-two-subjects-continuity.json"] = SequenceChunk,
        ["story-cast-scene-child-and-dog.json"] = StoryCast.ParkScene,
        ["story-cast-storyboard-wardrobe-per-beat.json"] = StoryCast.Storyboard,
        ["story-cast-trimmed-to-the-dog.json"] = () => StoryCast.Storyboard().ForCast(["Biscuit", "the kitchen"]).Spec,
        ["story-continued-second-book.json"] = StoryCast.SecondBook,
        ["story-continued-first-frame-sent.json"] = () => new PromptSpecBuilder()
            .AddSubject("Mia", IdentityLock.Production).WithStyle(ImageStyle.Dreamscape)
            .AddContinuityReference(Pikumo.ImageGen.Sequences.SequenceContinuation.DefaultNote)
            .WithScene(new Scene("part two, beat 1"))
            .Build(), // what SequenceContinuationTests sees the runner send for a continued story's first frame
    };

    /// <summary>Mode A: n=1, one scene, production lock, dreamscape.</summary>
    public static PromptSpec ModeA() => new PromptSpecBuilder()
        .AddSubject(Subject, IdentityLock.Production)
        .WithStyle(ImageStyle.Dreamscape)
        .WithScene(MorningCoffee)
        .Build();

    /// <summary>Mode B: mode A's spec with the outfit pinned, sent with n=4.</summary>
    public static PromptSpec ModeB() => ModeA().ToBuilder()
        .PinWardrobe(Subject, PinnedOutfit)
        .Build();

    /// <summary>Mode C: a 2×2 day in the life on 1024×1024.</summary>
    public static PromptSpec ModeC() => Composite(new CompositeLayoutBuilder(2, 2, ImageSize.Square1024)
        .AddBeat(new Scene("morning coffee") { TimeOfDay = "morning" })
        .AddBeat(new Scene("midday park walk") { TimeOfDay = "midday" })
        .AddBeat(new Scene("afternoon reading") { TimeOfDay = "afternoon" })
        .AddBeat(new Scene("evening at a balcony") { TimeOfDay = "evening" })
        .Build());

    /// <summary>Mode D: the 8-beat 2×4 storyboard on 1024×1024 (256×512 panels).</summary>
    public static PromptSpec ModeD() => Composite(Storyboard(ImageSize.Square1024));

    /// <summary>Mode E: the same storyboard on 1536×1024 (384×512 panels), the seed's recommendation.</summary>
    public static PromptSpec ModeE() => Composite(Storyboard(ImageSize.Landscape1536x1024));

    public static CompositeLayout Storyboard(ImageSize canvas) => new CompositeLayoutBuilder(2, 4, canvas)
        .AddBeats(StoryboardBeats.Select(Scene.FromBeat))
        .Build();

    /// <summary>A second chunk of a sequence: two subjects, the last frame of chunk 1 attached after their photos.</summary>
    public static PromptSpec SequenceChunk() => new PromptSpecBuilder()
        .AddSubject(Subject, IdentityLock.Production.ToBuilder().Describe("hair", "shoulder-length black hair with bangs").Build(), PinnedOutfit)
        .AddSubject("Leo", IdentityLock.FaceAndHair, referenceImages: 2)
        .AddContinuityReference()
        .WithStyle(ImageStyle.StorybookWatercolour)
        .WithLayout(new CompositeLayoutBuilder(1, 2, ImageSize.Landscape1536x1024)
            .WithGutter(16)
            .AddBeats("Mia and Leo board the night train", "Leo falls asleep on Mia's shoulder")
            .Build())
        .AddConstraint("no text or lettering in the image")
        .Build();

    private static PromptSpec Composite(CompositeLayout layout) => new PromptSpecBuilder()
        .AddSubject(Subject, IdentityLock.Production)
        .WithStyle(ImageStyle.Dreamscape)
        .WithLayout(layout)
        .Build();

    private static PromptSpec IdentityPreset(IdentityLock preset) => new PromptSpecBuilder()
        .AddSubject(Subject, preset)
        .WithScene("morning coffee")
        .Build();

    private static PromptSpec StylePreset(ImageStyle style) => new PromptSpecBuilder()
        .WithStyle(style)
        .WithScene("morning coffee")
        .Build();
}
