namespace Pikumo.ImageGen.Samples;

/// <summary>The samples, in the order <c>all</c> runs them.</summary>
public static class SampleRunner
{
    /// <summary>Every sample.</summary>
    public static IReadOnlyList<SampleDefinition> Samples { get; } =
    [
        StoryboardSample.Definition,
        QuickStartSample.Definition,
        SeedModesSample.Definition,
        SequenceSample.Definition,
        RoutingSample.Definition,
        StreamingSample.Definition,
        SaveAsDecodedSample.Definition,
        ProvidersHostSample.Definition,
        TelemetrySample.Definition,
        PrivacySample.Definition,
        StorybookSample.Definition,
        ClusterSample.Definition,
    ];

    /// <summary>The sample names.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. Samples.Select(s => s.Name)];
}
