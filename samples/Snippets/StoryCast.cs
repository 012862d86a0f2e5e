#region story-cast
using Pikumo.ImageGen;
using Pikumo.ImageGen.Specs;

// The photos, in this order: Mia (1), Biscuit (2), the red bicycle (3), the kitchen (4), a style sheet (5).
ImageInput[] photos = [.. new[] { "mia.png", "biscuit.png", "bicycle.png", "kitchen.jpg", "style-sheet.png" }.Select(ImageInput.FromFile)];

PromptSpecBuilder story = new PromptSpecBuilder()
    .AddSubject("Mia", IdentityLock.Production, new WardrobePin("yellow raincoat over a striped jumper"))
    .AddCreature("Biscuit")                 // IdentityLock.Creature: breed, markings, eyes, size
    .AddProp("the red bicycle")             // IdentityLock.Prop: shape, colours, materials, markings
    .AddLocation("the kitchen")             // IdentityLock.Location: layout, fixed features, palette
    .AddStyleSheet()                        // palette, line and texture only
    .WithStyle(ImageStyle.StorybookWatercolour);

PromptSpec bedtime = story
    .WithScene(new Scene("Mia reads Biscuit a bedtime story")
        .WithCast("Mia", "Biscuit")
        .Wearing("Mia", "blue pyjamas with stars"))   // this beat only; the pin holds elsewhere
    .Build();

CastSelection cast = bedtime.ForCast();      // Mia, Biscuit and the style sheet: images 1, 2 and 5
ImageEditRequest request = cast.Spec.ToEditRequest(cast.SelectImages(photos));
#endregion
