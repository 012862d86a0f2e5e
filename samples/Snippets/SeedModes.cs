#region seed-modes
using Pikumo.ImageGen;
using Pikumo.ImageGen.Specs;

ImageInput photo = ImageInput.FromFile("mia.png");
string[] dayInTheLife = ["early-morning bedroom", "coffee", "train commute", "cafe lunch",
                         "afternoon reading", "midday park", "dinner cooking", "dusk balcony"];
PromptSpecBuilder Mia() => new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithStyle(ImageStyle.Dreamscape);
var coffee = new Scene("Mia drinks her morning coffee by the kitchen window") { TimeOfDay = "early morning" };
var outfit = new WardrobePin("cream cable-knit sweater over light-blue striped pajama trousers");

// A: one scene, n=1.
var a = Mia().WithScene(coffee).Build().ToEditRequest(photo);
// B: four variants in one call, outfit pinned so it does not drift between them.
var b = Mia().PinWardrobe("Mia", outfit).WithScene(coffee).Build().ToVariantsRequest(4, photo);
// C: a 2×2 day in the life on 1024×1024.
var c = Mia().WithLayout(new CompositeLayoutBuilder(2, 2, ImageSize.Square1024)
    .AddBeats(["morning coffee", "midday park walk", "afternoon reading", "evening at a balcony"]).Build()).Build().ToEditRequest(photo);
// D and E: the 8-beat storyboard on 1024×1024, then on 1536×1024 (the recommended canvas).
var d = Mia().WithLayout(new CompositeLayoutBuilder(2, 4, ImageSize.Square1024)
    .AddBeats(dayInTheLife.Select(Scene.FromBeat)).Build()).Build().ToEditRequest(photo);
var e = Mia().WithLayout(new CompositeLayoutBuilder(2, 4, ImageSize.Landscape1536x1024)
    .AddBeats(dayInTheLife.Select(Scene.FromBeat)).Build()).Build().ToEditRequest(photo);
#endregion
