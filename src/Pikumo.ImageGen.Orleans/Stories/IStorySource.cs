using Pikumo.ImageGen.Sequences;

namespace Pikumo.ImageGen.Orleans;

/// <summary>
/// Gives a story grain what to render, from the app's own records (beats, template, reference photos): registered by
/// the app on every silo, so any silo can start or resume any story without the request travelling through the cluster.
/// </summary>
public interface IStorySource
{
    /// <summary>What the story renders.</summary>
    /// <param name="storyId">The story's id.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <returns>The work.</returns>
    ValueTask<StoryWork> GetAsync(string storyId, CancellationToken cancellationToken);
}

/// <summary>What a story renders: the request, the tier and, optionally, which beats.</summary>
/// <param name="Request">The sequence.</param>
/// <param name="Tier">Preview or final.</param>
public sealed record StoryWork(SequenceRequest Request, SequenceTier Tier)
{
    /// <summary>The beats to render; all when <see langword="null"/>.</summary>
    public IReadOnlyList<int>? Beats { get; init; }
}
