#region composite-layouts
using Pikumo.ImageGen;
using Pikumo.ImageGen.Specs;

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

ImageEditRequest request = modeE.ToEditRequest(ImageInput.FromFile("mia.png"));   // Size = 1536x1024, the canvas
#endregion
