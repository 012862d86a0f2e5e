using System.Globalization;

namespace Pikumo.ImageGen.Cluster.Tests.Infrastructure;

/// <summary>
/// What a cluster test measured, as one line in the test's output and, when <c>PIKUMO_CLUSTER_REPORT</c> names a file,
/// appended to it (docs/scale-out.md quotes these lines).
/// </summary>
internal static class Measurements
{
    private static readonly Lock Gate = new();

    public static void Report(string test, FormattableString line)
    {
        var text = $"{DateTimeOffset.UtcNow:O} {test}: {line.ToString(CultureInfo.InvariantCulture)}";
        TestContext.Current.TestOutputHelper?.WriteLine(text);
        if (Environment.GetEnvironmentVariable("PIKUMO_CLUSTER_REPORT") is { Length: > 0 } file)
        {
            lock (Gate)
            {
                File.AppendAllText(file, text + Environment.NewLine);
            }
        }
    }
}
