#region wardrobe-pin
using Pikumo.ImageGen;
using Pikumo.ImageGen.Specs;

PromptSpec modeA = new PromptSpecBuilder()
    .AddSubject("Mia", IdentityLock.Production)
    .WithStyle(ImageStyle.Dreamscape)
    .WithScene(new Scene("Mia drinks her morning coffee by the kitchen window"))
    .Build();
var pinned = new WardrobePin("cream cable-knit sweater over light-blue pajama trousers with thin white stripes, grey felt slippers");

PromptSpec modeB = modeA.ToBuilder().PinWardrobe("Mia", pinned).Build();   // or AddSubject("Mia", lock, pinned)
ImageEditRequest fourVariants = modeB.ToVariantsRequest(4, ImageInput.FromFile("mia.png"));   // Count = 4; the model's MaxCount is checked on send
#endregion
