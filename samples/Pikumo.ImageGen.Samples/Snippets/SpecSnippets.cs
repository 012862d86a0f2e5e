using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Samples.Snippets;

/// <summary>The code docs/prompt-specs.md shows; compiled here, quoted there (checked by a test). Not run.</summary>
internal static class SpecSnippets
{
    public static object? SpecBasics()
    {
        #region spec-basics
        PromptSpec spec = new PromptSpecBuilder()
            .AddSubject("Mia", IdentityLock.Production)          // image 1 is Mia's photo
            .WithStyle(ImageStyle.Dreamscape)
            .WithScene(new Scene("Mia drinks her morning coffee by the kitchen window")
            {
                Setting = "a small sunlit apartment kitchen",
                TimeOfDay = "early morning",
                Framing = "medium shot, eye level",
            })
            .Build();

        var request = new ImageEditRequest(spec, ImageInput.FromFile("mia.jpg"))   // or spec.ToEditRequest(photo)
        {
            Quality = ImageQuality.Low,
            InputFidelity = InputFidelity.High,
        };
        #endregion
        return null;
    }

    public static object? IdentityLockCustom()
    {
        #region identity-lock-custom
        IdentityLock mia = IdentityLock.Production.ToBuilder()
            .Describe("hair", "shoulder-length black hair with bangs")
            .Remove("distinguishing_marks")
            .DoNotMatch("accessories", "glasses and jewellery may change")
            .Build();
        #endregion
        return null;
    }

    public static object? SpecReferences(WardrobePin pinnedOutfit)
    {
        #region spec-references
        PromptSpec chunk2 = new PromptSpecBuilder()
            .AddSubject("Mia", IdentityLock.Production.ToBuilder().Describe("hair", "shoulder-length black hair with bangs").Build(), pinnedOutfit)
            .AddSubject("Leo", IdentityLock.FaceAndHair, referenceImages: 2)   // images 2 and 3
            .AddContinuityReference()                                          // image 4: last frame of chunk 1
            .WithStyle(ImageStyle.StorybookWatercolour)
            .WithLayout(new CompositeLayoutBuilder(1, 2, ImageSize.Landscape1536x1024)
                .WithGutter(16)
                .AddBeats("Mia and Leo board the night train", "Leo falls asleep on Mia's shoulder")
                .Build())
            .AddConstraint("no text or lettering in the image")
            .Build();
        #endregion
        return null;
    }

    public static object? WardrobePin(PromptSpec modeA, ImageInput photo)
    {
        #region wardrobe-pin
        var pinned = new WardrobePin("cream cable-knit sweater over light-blue pajama trousers with thin white stripes, grey felt slippers");

        PromptSpec modeB = modeA.ToBuilder().PinWardrobe("Mia", pinned).Build();   // or AddSubject("Mia", lock, pinned)
        ImageEditRequest fourVariants = modeB.ToVariantsRequest(4, photo);       // Count = 4; the model's MaxCount is checked on send
        #endregion
        return null;
    }

    public static object? CompositeLayouts(ImageInput photo)
    {
        #region composite-layouts
        CompositeLayout dayInTheLife = new CompositeLayoutBuilder(rows: 2, columns: 2, ImageSize.Square1024)
            .AddBeat(new Scene("morning coffee") { TimeOfDay = "morning" })
            .AddBeat(new Scene("midday park walk") { TimeOfDay = "midday" })
            .AddBeat(new Scene("afternoon reading") { TimeOfDay = "afternoon" })
            .AddBeat(new Scene("evening at a balcony") { TimeOfDay = "evening" })
            .Build();

        CompositeLayout storyboard = new CompositeLayoutBuilder(rows: 2, columns: 4, ImageSize.Landscape1536x1024)
            .AddBeats("early-morning bedroom", "coffee", "train commute", "cafe lunch",
                      "afternoon reading", "midday park", "dinner cooking", "dusk balcony")
            .Build();                                       // 8 panels of 384×512

        PromptSpec modeE = new PromptSpecBuilder()
            .AddSubject("Mia", IdentityLock.Production)
            .WithStyle(ImageStyle.Dreamscape)
            .WithLayout(storyboard)
            .Build();

        ImageEditRequest request = modeE.ToEditRequest(photo);   // Size = 1536x1024, the canvas
        #endregion
        return null;
    }
}
