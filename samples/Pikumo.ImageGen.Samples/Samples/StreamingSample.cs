namespace Pikumo.ImageGen.Samples;

/// <summary>Partial images as the provider refines them, then the final image.</summary>
public static class StreamingSample
{
    public static async Task<int> RunAsync(SampleContext context, CancellationToken cancellationToken)
    {
        var (client, where) = context.CreateClient();
        using var _ = client;
        var folder = context.Folder("streaming");
        context.Out.WriteLine($"Streaming an edit with 2 partial images, on {where}.");
        var report = new Report(context.Out);
        var finals = new List<ImageStreamUpdate>();

        #region streaming
        var request = new ImageEditRequest("Mia reading on a sunlit balcony, painted anime", ImageInput.FromFile(SampleContext.ReferencePhoto))
        {
            Quality = ImageQuality.Low,
            PartialImages = 2,
        };
        await foreach (ImageStreamUpdate update in client.StreamEditAsync(request, cancellationToken))
        {
            var name = update.Kind == ImageStreamUpdateKind.Partial ? $"partial-{update.PartialImageIndex}" : $"final-{update.Image.Index}";
            await update.Image.SaveAsync(Path.Combine(folder, name + update.Image.FileExtension), overwrite: true, cancellationToken);
            Console.WriteLine($"{update.Elapsed.TotalSeconds,5:0.00} s  {name}  {update.Image.Width}x{update.Image.Height}  {update.Cost}");
            finals.Add(update);
        }
        #endregion

        foreach (var final in finals.Where(u => u.Kind == ImageStreamUpdateKind.Completed))
        {
            report.Add("streamed edit (final image)", 1, 1, final.Cost?.Usd, final.Elapsed);
        }

        report.Write(folder);
        return 0;
    }
}
