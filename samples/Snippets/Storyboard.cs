#region storyboard
using Pikumo.ImageGen;
using Pikumo.ImageGen.Imaging;
using Pikumo.ImageGen.Specs;

using var client = new ImageGenClient(new ImageGenOptions { Provider = ImageProvider.OpenAI });   // key: OPENAI_API_KEY
string[] dayInTheLife = ["early-morning bedroom", "coffee", "train commute", "cafe lunch",
                         "afternoon reading", "midday park", "dinner cooking", "dusk balcony"];

CompositeLayout layout = new CompositeLayoutBuilder(rows: 2, columns: 4, ImageSize.Landscape1536x1024)
    .AddBeats(dayInTheLife.Select(Scene.FromBeat))
    .Build();
PromptSpec spec = new PromptSpecBuilder()
    .AddSubject("Mia", IdentityLock.Production)
    .WithStyle(ImageStyle.Dreamscape)
    .WithLayout(layout)
    .Build();

ImageResult storyboard = await client.EditAsync(
    spec.ToEditRequest(ImageInput.FromFile("mia.png")) with { Quality = ImageQuality.Low, InputFidelity = InputFidelity.High });
IReadOnlyList<GeneratedImage> frames = await new SkiaCompositeSlicer().SliceAsync(storyboard.Images[0], layout);
#endregion
