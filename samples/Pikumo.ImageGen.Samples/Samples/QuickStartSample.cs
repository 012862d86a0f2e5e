namespace Pikumo.ImageGen.Samples;

/// <summary>The smallest useful call: edit a reference photo into a new scene and save the images.</summary>
public static class QuickStartSample
{
    /// <summary>The command line's view of this sample.</summary>
    public static SampleDefinition Definition { get; } = new()
    {
        Name = "quickstart",
        Description = "One edit of the reference photo, saved under new names (a second run never replaces the first).",
        RunAsync = (context, _, cancellationToken) => RunAsync(context, cancellationToken),
    };

    public static async Task<int> RunAsync(SampleContext context, CancellationToken cancellationToken)
    {
        using var client = context.CreateClient();
        var folder = context.Folder("quickstart");
        context.Out.WriteLine($"Quick start: one edit of the reference photo, on {context.Where}.");

        var request = new ImageEditRequest("Turn this photo into a painted anime scene of her drinking morning coffee by a window",
            ImageInput.FromFile(SampleContext.ReferencePhoto))
        {
            Quality = ImageQuality.Low,
            Size = ImageSize.Square1024,
            // input_fidelity only where the provider takes it (fal does not); gpt-image-2 keeps faces at high fidelity anyway.
            InputFidelity = client.GetCapabilities().SupportsInputFidelity ? InputFidelity.High : (InputFidelity?)null,
        };
        ImageResult result = await client.EditAsync(request, cancellationToken);
        IReadOnlyList<string> files = await result.SaveAllAsync(folder, "coffee", cancellationToken: cancellationToken);   // coffee-0.png, then coffee-0 (2).png…
        context.Out.WriteLine($"{result.Images.Count} image(s), {result.Cost}, {result.Elapsed.TotalSeconds:0.0} s, request id {result.RequestId}");

        var report = new Report(context.Out);
        report.Add("edit (n=1)", result);
        report.Write(string.Join(", ", files));
        return 0;
    }
}
