namespace Pikumo.ImageGen.Samples;

/// <summary>Runs a sample by name (the console entry point and the smoke tests share it).</summary>
public static class SampleRunner
{
    public static IReadOnlyList<string> Names { get; } = ["storyboard", "quickstart", "modes", "sequence", "streaming", "providers", "telemetry", "privacy", "cluster"];

    public static async Task<int> RunAsync(string sample, SampleContext context, string[] args, CancellationToken cancellationToken)
    {
        try
        {
            return sample switch
            {
                "storyboard" => await StoryboardSample.RunAsync(context, cancellationToken),
                "quickstart" => await QuickStartSample.RunAsync(context, cancellationToken),
                "modes" when SeedModesReport.Wanted(args) => await SeedModesReport.RunAsync(context, args, cancellationToken),
                "modes" => await SeedModesSample.RunAsync(context, cancellationToken),
                "sequence" => await SequenceSample.RunAsync(context, args.Contains("--yes"), cancellationToken),
                "streaming" => await StreamingSample.RunAsync(context, cancellationToken),
                "providers" => await ProvidersHostSample.RunAsync(context, [.. args.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal))], cancellationToken),
                "telemetry" => await TelemetrySample.RunAsync(context, cancellationToken),
                "privacy" => await PrivacySample.RunAsync(context, args.Contains("--yes"), cancellationToken),
                "cluster" => await ClusterSample.RunAsync(context, args.Contains("--blobs"), cancellationToken),
                "all" => await AllAsync(context, args, cancellationToken),
                _ => Usage(context),
            };
        }
        catch (ImageGenException ex)
        {
            context.Out.WriteLine($"The call failed: {ex.GetType().Name}: {ex.Message}");
            return 2;
        }
    }

    private static async Task<int> AllAsync(SampleContext context, string[] args, CancellationToken cancellationToken)
    {
        foreach (var name in Names)
        {
            context.Out.WriteLine($"== {name}");
            var code = await RunAsync(name, context, args, cancellationToken);
            if (code != 0)
            {
                return code;
            }
        }

        return 0;
    }

    private static int Usage(SampleContext context)
    {
        context.Out.WriteLine($"samples: {string.Join(", ", Names)}, all. Options: --offline (simulator even with a key), --out DIR, --yes (let the sequence and privacy samples pay), cluster --blobs (Azurite on its default ports), modes --report FILE [--providers openai,azure,fal] [--models a,b] (an HTML page of modes A-E).");
        return 1;
    }
}
