using Pikumo.ImageGen.Imaging;
using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Samples;

/// <summary>
/// The main job: a day in the life as one 2×4 storyboard at 1536×1024 (the recommended mode E of the gpt-image-2
/// test report this library started from), sliced into 8 frames and put on a contact sheet: 8 beats for the price
/// and time of one image.
/// </summary>
public static class StoryboardSample
{
    public static readonly string[] DayInTheLife =
    [
        "early-morning bedroom", "coffee", "train commute", "cafe lunch",
        "afternoon reading", "midday park", "dinner cooking", "dusk balcony",
    ];

    /// <summary>The command line's view of this sample.</summary>
    public static SampleDefinition Definition { get; } = new()
    {
        Name = "storyboard",
        Description = "A day in the life as one 2x4 storyboard at 1536x1024, sliced into 8 frames and a contact sheet.",
        RunAsync = (context, _, cancellationToken) => RunAsync(context, cancellationToken),
    };

    public static async Task<int> RunAsync(SampleContext context, CancellationToken cancellationToken)
    {
        using var client = context.CreateClient();
        var folder = context.Folder("storyboard");
        context.Out.WriteLine($"Storyboard: {DayInTheLife.Length} beats of one day in a 2x4 grid at 1536x1024, on {context.Where}.");

        CompositeLayout layout = new CompositeLayoutBuilder(rows: 2, columns: 4, ImageSize.Landscape1536x1024)
            .AddBeats(DayInTheLife.Select(Scene.FromBeat))
            .Build();
        PromptSpec spec = new PromptSpecBuilder()
            .AddSubject("Mia", IdentityLock.Production)
            .WithStyle(ImageStyle.Dreamscape)
            .WithLayout(layout)
            .Build();

        var fidelity = client.GetCapabilities().SupportsInputFidelity ? InputFidelity.High : (InputFidelity?)null;   // fal does not take it
        ImageResult storyboard = await client.EditAsync(
            spec.ToEditRequest(ImageInput.FromFile(SampleContext.ReferencePhoto)) with { Quality = ImageQuality.Low, InputFidelity = fidelity },
            cancellationToken);

        // The paid composite first, under a free name (storyboard-0.png; a second run adds storyboard-0 (2).png).
        var saved = await storyboard.SaveAllAsync(folder, "storyboard", cancellationToken: cancellationToken);
        IReadOnlyList<GeneratedImage> frames = await new SkiaCompositeSlicer().SliceAsync(storyboard.Images[0], layout, cancellationToken);
        for (var i = 0; i < frames.Count; i++)
        {
            // Frames are cut from the composite on this machine: replacing last run's is free.
            await frames[i].SaveAsync(Path.Combine(folder, $"frame-{i + 1}-{layout.Panels[i].Name}.png"), overwrite: true, cancellationToken);
        }

        var sheet = ContactSheet.Create([.. frames.Select((f, i) => (f.Data, $"{i + 1}. {DayInTheLife[i]}"))]);
        await File.WriteAllBytesAsync(Path.Combine(folder, "contact-sheet.png"), sheet, cancellationToken);

        context.Out.WriteLine($"panels: {layout.Panels.Count} of {layout.PanelSize} ({string.Join(", ", layout.Panels.Select(p => p.Name))})");
        foreach (var warning in layout.Warnings)
        {
            context.Out.WriteLine($"note: {warning}");
        }

        var report = new Report(context.Out);
        report.Add("2x4 storyboard composite (n=1)", storyboard);
        report.Add("slice into 8 frames (local)", 0, frames.Count, 0m, TimeSpan.Zero);
        report.Write($"{folder} ({Path.GetFileName(saved[0])}, frame-1..8, contact-sheet.png)");
        return 0;
    }
}
