using System.Globalization;
using System.Text.RegularExpressions;

namespace Pikumo.ImageGen.Samples.Tests;

/// <summary>
/// The routing sample's summary counts the images each tier paid for, not its frames: the preview on FLUX.2 turbo
/// renders 24 beats as a few composites, and its row says how many composites (as the result's actual does).
/// </summary>
public sealed partial class RoutingSampleTests
{
    [Fact]
    public async Task Summary_CountsImagesPaidFor_NotFrames()
    {
        var folder = Directory.CreateTempSubdirectory("pikumo-routing").FullName;
        try
        {
            var run = await CliRun.InvokeAsync("routing", "--provider", "openai", "--offline", "--out", folder, "--latency-scale", "0");
            Assert.True(run.ExitCode == 0, run.ToString());

            var composites = Directory.GetFiles(Path.Combine(folder, "routing", "preview"), "composite-*.png").Length;
            var finalImages = Directory.GetFiles(Path.Combine(folder, "routing", "final"), "frame-*.png").Length;
            Assert.InRange(composites, 1, 23);   // the preview really is composites: fewer images than its 24 frames
            Assert.Equal(24, finalImages);

            Assert.Equal(composites, SummaryImages(run.Output, "preview"));
            Assert.Equal(finalImages, SummaryImages(run.Output, "final"));
            Assert.Equal(composites, ActualImages(run.Output, "preview"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The images column of the summary table's row for a tier (<c>preview on fal … 3 3 0.072 1.5s</c>).</summary>
    private static int SummaryImages(string output, string tier)
    {
        var match = SummaryRow().Matches(output).Single(m => m.Groups["tier"].Value == tier);
        return int.Parse(match.Groups["images"].Value, CultureInfo.InvariantCulture);
    }

    /// <summary>The image count the result's actual reports (<c>preview on …: 24 frames, actual 3 calls, 3 images, …</c>).</summary>
    private static int ActualImages(string output, string tier)
    {
        var match = ActualLine().Matches(output).Single(m => m.Groups["tier"].Value == tier);
        return int.Parse(match.Groups["images"].Value, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"^(?<tier>preview|final) on \S+ \S+\s+(?<calls>\d+)\s+(?<images>\d+)\s+[\d.]+\s+[\d.]+s\s*$", RegexOptions.Multiline)]
    private static partial Regex SummaryRow();

    [GeneratedRegex(@"^(?<tier>preview|final) on [^:]+: \d+ frames, actual \d+ calls, (?<images>\d+) images", RegexOptions.Multiline)]
    private static partial Regex ActualLine();
}
