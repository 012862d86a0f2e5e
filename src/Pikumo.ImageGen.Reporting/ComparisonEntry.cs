using Pikumo.ImageGen.Planning;

namespace Pikumo.ImageGen.Reporting;

/// <summary>One thing tried on one target (a mode on a provider and model): its images, and what it was planned and took.</summary>
public sealed class ComparisonEntry
{
    /// <summary>What was tried, for example <c>A single scene</c>; entries with the same name line up on the side-by-side page.</summary>
    public required string Name { get; init; }

    /// <summary>A line about it.</summary>
    public string Description { get; init; } = string.Empty;

    /// <summary>Where it ran, for example <c>openai gpt-image-2</c>; each target is a column of the side-by-side page.</summary>
    public required string Target { get; init; }

    /// <summary>The images, relative to the report's <see cref="ComparisonReport.Directory"/> (use <c>/</c> between folders).</summary>
    public IReadOnlyList<string> Images { get; init; } = [];

    /// <summary>What the plan said it would take, or <see langword="null"/> when there was no plan.</summary>
    public TierPlan? Planned { get; init; }

    /// <summary>What it took.</summary>
    public TierPlan Actual { get; init; } = new();

    /// <summary>The provider's request id.</summary>
    public string? RequestId { get; init; }

    /// <summary>Why it failed, when it did.</summary>
    public string? Error { get; init; }
}
