using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Planning;

/// <summary>
/// The shapes of the calls a <see cref="SequenceRunner"/> makes, with the prompts it renders (the prompt's length is
/// the text tokens), so the planner prices and times the calls the run will send.
/// </summary>
internal static class PlannedCalls
{
    /// <summary>The runner's text for the unused panels of a grid larger than the chunk (kept in step with <see cref="SequenceRunner"/>).</summary>
    internal const string FillerBeat = "unused panel: leave it as a plain soft background with no people and no text";

    /// <summary>A final-tier frame: one scene, the photos, plus the chained frame after the first chunk.</summary>
    public static ImageCallShape Final(SequenceRequest request, Scene scene, bool chained)
    {
        var tier = request.Final;
        // Best-of-n asks for n images a call (each is billed); re-rolls are not planned: they happen only when a judge rejects.
        return Shape(tier, Spec(request, chained).WithScene(scene).Build().Render().Length, request.ReferenceCount + (chained ? 1 : 0), panels: 1) with { Count = request.Judging?.Variants ?? 1 };
    }

    /// <summary>A preview-tier composite: the chunk's scenes on a storyboard grid.</summary>
    public static ImageCallShape Preview(SequenceRequest request, IReadOnlyList<Scene> scenes, bool chained)
    {
        var tier = request.Preview;
        var (rows, columns) = SequenceGrid.For(scenes.Count, tier.Size);
        var layout = new CompositeLayoutBuilder(rows, columns, tier.Size)
            .AddBeats(scenes.Concat(Enumerable.Repeat(new Scene(FillerBeat), (rows * columns) - scenes.Count)))
            .Build();
        return Shape(tier, Spec(request, chained).WithLayout(layout).Build().Render().Length, request.ReferenceCount + (chained ? 1 : 0), rows * columns);
    }

    /// <summary>A generated reference: a 1024×1024 generation at the final tier's quality.</summary>
    public static ImageCallShape Reference(SequenceRequest request, ImagePrompt prompt) => new()
    {
        Size = ImageSize.Square1024,
        Quality = request.Final.Quality,
        PromptCharacters = prompt.Text?.Length ?? 0,
    };

    private static PromptSpecBuilder Spec(SequenceRequest request, bool chained)
    {
        var builder = request.Template.ToBuilder();
        return chained ? builder.AddContinuityReference() : builder;
    }

    private static ImageCallShape Shape(SequenceTierOptions tier, int characters, int references, int panels) => new()
    {
        Size = tier.Size,
        Quality = tier.Quality,
        References = references,
        InputFidelity = tier.InputFidelity,
        PromptCharacters = characters,
        Panels = panels,
    };
}
