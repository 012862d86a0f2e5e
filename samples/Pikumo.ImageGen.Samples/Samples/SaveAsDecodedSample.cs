namespace Pikumo.ImageGen.Samples;

/// <summary>Two images of one edit written to their files while the answer is read: the client never holds them.</summary>
public static class SaveAsDecodedSample
{
    /// <summary>The command line's view of this sample.</summary>
    public static SampleDefinition Definition { get; } = new()
    {
        Name = "save-as-decoded",
        Description = "One edit (n=2) whose images go straight to files while the answer is read (ImageDestination).",
        RunAsync = (context, _, cancellationToken) => RunAsync(context, cancellationToken),
    };

    public static async Task<int> RunAsync(SampleContext context, CancellationToken cancellationToken)
    {
        using var client = context.CreateClient();
        var folder = context.Folder("save-as-decoded");
        context.Out.WriteLine($"Save as you decode: one edit of two images into {folder}, on {context.Where}.");
        var request = new ImageEditRequest("Mia reading on a sunlit balcony, painted anime", ImageInput.FromFile(SampleContext.ReferencePhoto))
        {
            Count = 2,
            Quality = ImageQuality.Low,
            Size = ImageSize.Square1024,
        };

        // {index} and {ext} come from the answer; each file is written atomically, overwriting last run's here.
        ImageResult result = await client.EditAsync(request, ImageDestination.ToFiles(Path.Combine(folder, "mia-{index}{ext}"), overwrite: true), cancellationToken);
        foreach (var image in result.Images)
        {
            context.Out.WriteLine($"{Path.GetFileName(image.SavedTo)}: {image.Width}x{image.Height}, {image.Length:N0} B, sha256 {image.Sha256![..12]}…");
        }

        var report = new Report(context.Out);
        report.Add("edit to files (n=2)", result);
        report.Write(folder);
        return 0;
    }
}
