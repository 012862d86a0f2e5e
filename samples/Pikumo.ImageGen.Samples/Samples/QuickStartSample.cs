namespace Pikumo.ImageGen.Samples;

/// <summary>The smallest useful call: edit a reference photo into a new scene and save the images.</summary>
public static class QuickStartSample
{
    public static async Task<int> RunAsync(SampleContext context, CancellationToken cancellationToken)
    {
        var (client, where) = context.CreateClient();
        using var _ = client;
        var folder = context.Folder("quickstart");
        context.Out.WriteLine($"Quick start: one edit of the reference photo, on {where}.");

        #region quickstart-edit
        var request = new ImageEditRequest("Turn this photo into a painted anime scene of her drinking morning coffee by a window",
            ImageInput.FromFile(SampleContext.ReferencePhoto))
        {
            Quality = ImageQuality.Low,
            InputFidelity = InputFidelity.High,
            Size = ImageSize.Square1024,
        };
        ImageResult result = await client.EditAsync(request, cancellationToken);
        IReadOnlyList<string> files = await result.SaveAllAsync(folder, "coffee", overwrite: true, cancellationToken);
        Console.WriteLine($"{result.Images.Count} image(s), {result.Cost}, {result.Elapsed.TotalSeconds:0.0} s, request id {result.RequestId}");
        #endregion

        var report = new Report(context.Out);
        report.Add("edit (n=1)", result);
        report.Write(string.Join(", ", files));
        return 0;
    }
}
