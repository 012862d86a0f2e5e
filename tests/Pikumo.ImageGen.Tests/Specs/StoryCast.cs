using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Tests.Specs;

/// <summary>A storybook's cast: a child, her dog, her red bicycle, the family kitchen and a style sheet.</summary>
internal static class StoryCast
{
    /// <summary>Images 1-2: Mia; 3: Biscuit; 4: the red bicycle; 5: the kitchen; 6: the style sheet.</summary>
    public static PromptSpecBuilder Builder() => new PromptSpecBuilder()
        .AddSubject("Mia", IdentityLock.Production, new WardrobePin("yellow raincoat over a striped jumper"), referenceImages: 2)
        .AddCreature("Biscuit")
        .AddProp("the red bicycle")
        .AddLocation("the kitchen")
        .AddStyleSheet()
        .WithStyle(ImageStyle.StorybookWatercolour);

    public static PromptSpec ParkScene() => Builder()
        .WithScene(new Scene("Mia rides the red bicycle through the park while Biscuit runs beside her") { TimeOfDay = "afternoon" }
            .WithCast("Mia", "Biscuit", "the red bicycle"))
        .Build();

    public static PromptSpec Storyboard() => Builder()
        .WithLayout(new CompositeLayoutBuilder(2, 2, ImageSize.Landscape1536x1024)
            .AddBeat(new Scene("Mia eats breakfast in her school uniform") { Setting = "the kitchen" }
                .WithCast("Mia", "the kitchen").Wearing("Mia", "navy school uniform with a red tie"))
            .AddBeat(new Scene("Biscuit waits by the door with the lead in his mouth").WithCast("Biscuit", "the kitchen"))
            .AddBeat(new Scene("Mia and Biscuit walk home past the bakery").WithCast("Mia", "Biscuit"))
            .AddBeat(new Scene("Mia reads Biscuit a bedtime story").WithCast("Mia", "Biscuit").Wearing("Mia", "blue pyjamas with stars"))
            .Build())
        .Build();

    /// <summary>The first beat of a second book: the cast, then the last frame of the first book as image 7.</summary>
    public static PromptSpec SecondBook() => Builder()
        .AddContinuityReference(Pikumo.ImageGen.Sequences.SequenceContinuation.DefaultNote)
        .WithScene(new Scene("A year later, Mia and Biscuit come back to the park where the first book ended") { TimeOfDay = "spring morning" }
            .WithCast("Mia", "Biscuit"))
        .Build();
}
