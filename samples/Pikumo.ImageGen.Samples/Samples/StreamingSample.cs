using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Samples;

/// <summary>Partial images as the provider refines them, then the final image; then first pixels of every frame of a short story.</summary>
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

        if (client.GetCapabilities().SupportsStreaming && context.ConfiguredProvider is null)   // three paid frames: offline only here
        {
            #region sequence-partial-images
            var story = new SequenceRequest(
                new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithStyle(ImageStyle.Dreamscape),
                [new Scene("Mia brews coffee"), new Scene("Mia reads on the train"), new Scene("Mia waters the balcony plants")],
                [ImageInput.FromFile(SampleContext.ReferencePhoto)])
            {
                PartialImages = 1,   // each final frame is streamed; its partial image comes in the progress first
            };
            var progress = new Progress<SequenceProgress>(p =>
            {
                if (p.Partial is { } partial)
                {
                    Console.WriteLine($"beat {partial.BeatIndex + 1}: first pixels after {partial.Elapsed.TotalSeconds:0.00} s");
                }
                else if (p.LastFrame is { } frame)
                {
                    Console.WriteLine($"beat {frame.BeatIndex + 1}: {frame.Status}, {frame.FilePath}");
                }
            });
            SequenceRunResult result = await new SequenceRunner(client).RunToEndAsync(story, SequenceTier.Final,
                new SequenceRunOptions { OutputDirectory = Path.Combine(folder, "story"), Progress = progress }, cancellationToken);
            #endregion
            report.Add("streamed story (3 frames)", result.Actual.Calls, result.Frames.Count, result.Actual.CostUsd, result.Actual.WallClock);
        }

        report.Write(folder);
        return 0;
    }
}
