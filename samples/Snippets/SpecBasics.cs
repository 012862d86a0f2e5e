#region spec-basics
using Pikumo.ImageGen;
using Pikumo.ImageGen.Specs;

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
