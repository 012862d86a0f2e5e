namespace Pikumo.ImageGen.Orleans;

/// <summary>Told on the silo whenever a story's grain records a new status (started, resumed, paused, completed, failed).</summary>
public interface IStoryStatusListener
{
    /// <summary>A story's status changed.</summary>
    /// <param name="status">The new status.</param>
    void OnStatus(StoryStatus status);
}
