using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Samples;

/// <summary>
/// The five modes of the gpt-image-2 test report this library started from, A–E, with the production identity lock
/// and the dreamscape style.
/// </summary>
public static class SeedModesSample
{
    /// <summary>The command line's view of this sample.</summary>
    public static SampleDefinition Definition { get; } = new()
    {
        Name = "modes",
        Description = "The five measured modes A-E: one scene, 4 variants, a 2x2 composite, two 2x4 storyboards (--report: as an HTML page, planned beside actual).",
        PaidCalls = 5,
        Options = [SeedModesReport.ReportOption, SeedModesReport.ProvidersOption, SeedModesReport.ModelsOption],
        PaidCallsFor = SeedModesReport.PaidCalls,
        LiveProvidersFor = (context, parse) => SeedModesReport.Wanted(parse)
            ? [.. SeedModesReport.Providers(context, parse).Where(context.IsLive)]
            : context.LiveProvider is { } live ? [live] : [],
        RunAsync = (context, parse, cancellationToken) => SeedModesReport.Wanted(parse)
            ? SeedModesReport.RunAsync(context, parse, cancellationToken)
            : RunAsync(context, cancellationToken),
    };

    public static async Task<int> RunAsync(SampleContext context, CancellationToken cancellationToken)
    {
        using var client = context.CreateClient();
        var folder = context.Folder("modes");
        var photo = ImageInput.FromFile(SampleContext.ReferencePhoto);
        context.Out.WriteLine($"Modes A-E on {context.Where}.");
        var report = new Report(context.Out);

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
            .AddBeats(StoryboardSample.DayInTheLife.Select(Scene.FromBeat)).Build()).Build().ToEditRequest(photo);
        var e = Mia().WithLayout(new CompositeLayoutBuilder(2, 4, ImageSize.Landscape1536x1024)
            .AddBeats(StoryboardSample.DayInTheLife.Select(Scene.FromBeat)).Build()).Build().ToEditRequest(photo);

        // The report ran at input fidelity high; send it only where the provider takes it (fal does not).
        var fidelity = client.GetCapabilities().SupportsInputFidelity ? InputFidelity.High : (InputFidelity?)null;
        foreach (var (name, request) in new[] { ("A single scene", a), ("B n=4 variants, outfit pinned", b), ("C 2x2 composite 1024x1024", c), ("D 2x4 storyboard 1024x1024", d), ("E 2x4 storyboard 1536x1024", e) })
        {
            var result = await client.EditAsync(request with { Quality = ImageQuality.Low, InputFidelity = fidelity }, cancellationToken);
            await result.SaveAllAsync(folder, $"mode-{char.ToLowerInvariant(name[0])}", cancellationToken: cancellationToken);
            report.Add(name, result);
        }

        report.Write(folder);
        return 0;
    }
}
