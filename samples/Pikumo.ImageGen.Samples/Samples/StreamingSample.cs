using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Samples;

/// <summary>Partial images as the provider refines them, then the final image (one plain call where the provider does not stream); offline, then the first pixels of every frame of a short story.</summary>
public static class StreamingSample
{
    /// <summary>The command line's view of this sample.</summary>
    public static SampleDefinition Definition { get; } = new()
    {
        Name = "streaming",
        Description = "An edit streamed as 2 partial images, then the final one (fal does not stream: one plain call there).",
        RunAsync = (context, _, cancellationToken) => RunAsync(context, cancellationToken),
    };

    public static async Task<int> RunAsync(SampleContext context, CancellationToken cancellationToken)
    {
        using var client = context.CreateClient();
        var folder = context.Folder("streaming");
        var report = new Report(context.Out);
        var request = new ImageEditRequest("Mia reading on a sunlit balcony, painted anime", ImageInput.FromFile(SampleContext.ReferencePhoto))
        {
            Quality = ImageQuality.Low,
        };

        if (!client.GetCapabilities().SupportsStreaming)
        {
            context.Out.WriteLine($"{client.ProviderName} does not stream partial images: one plain edit instead, on {context.Where}.");
            var result = await client.EditAsync(request, cancellationToken);
            await result.SaveAllAsync(folder, "final", cancellationToken: cancellationToken);
            report.Add("edit (no streaming)", result);
            report.Write(folder);
            return 0;
        }

        context.Out.WriteLine($"Streaming an edit with 2 partial images, on {context.Where}.");
        await foreach (ImageStreamUpdate update in client.StreamEditAsync(request with { PartialImages = 2 }, cancellationToken))
        {
            var name = update.Kind == ImageStreamUpdateKind.Partial ? $"partial-{update.PartialImageIndex}" : "final";
            if (update.Kind == ImageStreamUpdateKind.Partial)
            {
                await update.Image.SaveAsync(Path.Combine(folder, name + update.Image.FileExtension), overwrite: true, cancellationToken);   // drafts
            }
            else
            {
                // The paid image: never over last run's.
                await new ImageResult { Images = [update.Image] }.SaveAllAsync(folder, name, cancellationToken: cancellationToken);
                report.Add("streamed edit (final image)", 1, 1, update.Cost?.Usd, update.Elapsed);
            }

            context.Out.WriteLine($"{update.Elapsed.TotalSeconds,5:0.00} s  {name}  {update.Image.Width}x{update.Image.Height}  {update.Cost}");
        }

        if (context.IsOffline)   // three more paid frames on a real provider: offline only here
        {
            // Each final frame of a story streamed: its partial image comes in the progress before the frame lands.
            var story = new SequenceRequest(
                new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithStyle(ImageStyle.Dreamscape),
                [new Scene("Mia brews coffee"), new Scene("Mia reads on the train"), new Scene("Mia waters the balcony plants")],
                [ImageInput.FromFile(SampleContext.ReferencePhoto)])
            {
                PartialImages = 1,
            };
            var progress = new SyncProgress(p =>
            {
                if (p is { Kind: SequenceProgressKind.PartialImage, Partial: { } partial })
                {
                    context.Out.WriteLine($"beat {partial.BeatIndex + 1}: first pixels after {partial.Elapsed.TotalSeconds:0.00} s");
                }
                else if (p is { Kind: SequenceProgressKind.FrameLanded, LastFrame: { } frame })
                {
                    context.Out.WriteLine($"beat {frame.BeatIndex + 1}: {frame.Status}, {Path.GetFileName(frame.FilePath)}");
                }
            });
            var result = await new SequenceRunner(client).RunToEndAsync(story, SequenceTier.Final,
                new SequenceRunOptions { OutputDirectory = Path.Combine(folder, "story"), Progress = progress }, cancellationToken);
            report.Add("streamed story (3 frames)", result.Actual.Calls, result.Frames.Count, result.Actual.CostUsd, result.Actual.WallClock);
        }

        report.Write(folder);
        return 0;
    }

    /// <summary>Reports on the thread that reports (the sample's output stays in order).</summary>
    private sealed class SyncProgress(Action<SequenceProgress> report) : IProgress<SequenceProgress>
    {
        public void Report(SequenceProgress value) => report(value);
    }
}
