using Pikumo.ImageGen.Imaging;
using Pikumo.ImageGen.Reporting;
using Pikumo.ImageGen.Sequences;

namespace Pikumo.ImageGen.Samples.Snippets;

/// <summary>Code shown in docs/reports.md: it lives here so it compiles. Not run as samples.</summary>
internal static class ReportSnippets
{
    public static async Task SequenceAsync(ImageGenClient client, SequenceRequest story, CancellationToken cancellationToken)
    {
        #region report-sequence
        var runner = new SequenceRunner(client, new SkiaCompositeSlicer());
        var options = new SequenceRunOptions { OutputDirectory = "out/story" };
        SequenceRunResult result = await runner.RunToEndAsync(story, SequenceTier.Final, options, cancellationToken);

        // Keep the plan and this run's wall clock beside the manifest (report.json), then write out/story/report.html.
        SequenceReport report = await SequenceReport.RecordAsync(options.OutputDirectory, result, cancellationToken: cancellationToken);
        string page = await report.WriteAsync(cancellationToken);
        #endregion
        Console.WriteLine(page);
    }

    public static async Task FromFolderAsync(CancellationToken cancellationToken)
    {
        #region report-from-folder
        // Later, from the folder alone (also after a run that was stopped and resumed):
        SequenceReport again = await SequenceReport.LoadAsync("out/story", cancellationToken);
        Console.WriteLine($"{again.Frames.Count} frames, final tier actual: {again.ActualFor(SequenceTier.Final)}");
        await again.WriteAsync(cancellationToken);
        #endregion
    }

    public static async Task ResultAsync(ImageGenClient client, ImageEditRequest request, CancellationToken cancellationToken)
    {
        #region report-result
        ImageResult result = await client.EditAsync(request, cancellationToken);
        // Saves the images to out/coffee-files/ and writes out/coffee.html beside them.
        await ImageResultReport.WriteAsync("out/coffee.html", result, prompt: request.Prompt.Text, cancellationToken: cancellationToken);
        #endregion
    }
}
