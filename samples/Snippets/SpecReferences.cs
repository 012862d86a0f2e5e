#region spec-references
using Pikumo.ImageGen;
using Pikumo.ImageGen.Specs;

var pinnedOutfit = new WardrobePin("navy pea coat over a cream turtleneck, brown ankle boots");
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
