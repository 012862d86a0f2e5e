using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pikumo.ImageGen.Privacy;
using Pikumo.ImageGen.Sequences;

namespace Pikumo.ImageGen.Orleans;

/// <summary>
/// The story's single activation. <see cref="StartAsync"/> records the story as running (in grain storage), registers
/// the resume reminder and starts the run in the background; the run's journal is the story store's, so a resume on any
/// silo reuses every frame already paid for. When the silo stops, the run is cancelled like a process that dies: calls
/// in flight stay in flight in the journal, and the reminder resumes the story elsewhere.
/// </summary>
[global::Orleans.Placement.ActivationCountBasedPlacement]
internal sealed partial class StoryGrain(
    [PersistentState("story", PikumoStoryOptions.StorageName)] IPersistentState<StoryStatus> state,
    IServiceProvider services,
    IOptions<PikumoStoryOptions> options,
    ILogger<StoryGrain> logger) : Grain, IStoryGrain, IRemindable
{
    internal const string ReminderName = "pikumo-story-resume";
    private Task? _run;
    private CancellationTokenSource? _stop;
    private volatile StoryStatus? _live;
    private IGrainTimer? _retry;

    private string StoryId => this.GetPrimaryKeyString();

    private StoryStatus Current => state.State;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        state.State ??= new StoryStatus { StoryId = StoryId };
        if (state.State.StoryId is null or "")
        {
            state.State = state.State with { StoryId = StoryId };
        }

        return Task.CompletedTask;
    }

    public Task<StoryStatus> GetStatusAsync() => Task.FromResult(_live ?? state.State);

    public async Task<StoryStatus> StartAsync()
    {
        if (_run is { IsCompleted: false } || state.State.State == StoryState.Completed)
        {
            return _live ?? state.State;
        }

        await this.RegisterOrUpdateReminder(ReminderName, options.Value.ResumePeriod, options.Value.ResumePeriod);
        Begin();
        return _live ?? state.State;
    }

    public async Task<StoryErasure> DeleteAsync(bool includeOtherFiles = false)
    {
        if (_run is { IsCompleted: false } run)
        {
            _stop?.Cancel();
            try
            {
                await run;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                Log.StatusNotSaved(logger, StoryId, ex.Message);
            }
        }

        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        var store = services.GetService<ISequenceStore>();
        var deleter = store is null ? FolderStoryDeleter.Instance : store as IStoryDeleter
            ?? throw new NotSupportedException($"The story store {store.GetType().Name} cannot delete a story: register one that is an IStoryDeleter (BlobSequenceStore is).");
        var deletion = await deleter.DeleteStoryAsync(StoryId, includeOtherFiles);
        await state.ClearStateAsync();
        state.State = new StoryStatus { StoryId = StoryId };
        _live = null;
        Log.Deleted(logger, StoryId, deletion.Deleted.Count, deletion.Kept.Count);
        this.DeactivateOnIdle();
        return new StoryErasure { StoryId = StoryId, Deleted = [.. deletion.Deleted], Kept = [.. deletion.Kept], Complete = deletion.Complete };
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ReminderName || _run is { IsCompleted: false })
        {
            return;
        }

        if (state.State.State is StoryState.Running or StoryState.Paused)
        {
            Log.Resuming(logger, StoryId, state.State.State);
            Begin();
        }
        else
        {
            await UnregisterAsync();
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        _retry?.Dispose();
        _stop?.Cancel();
        return Task.CompletedTask;
    }

    private void Begin()
    {
        _stop?.Dispose();
        var lifetime = services.GetService<IHostApplicationLifetime>();
        _stop = lifetime is null ? new CancellationTokenSource() : CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
        this.DelayDeactivation(TimeSpan.FromDays(1));
        _run = RunAsync(_stop.Token);
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var silo = services.GetService<ILocalSiloDetails>()?.SiloAddress.ToString();
        await SaveAsync(state.State with { State = StoryState.Running, Runs = state.State.Runs + 1, Silo = silo, Error = null, ErrorType = null });
        try
        {
            var work = await services.GetRequiredService<IStorySource>().GetAsync(StoryId, cancellationToken);
            var runner = services.GetRequiredService<SequenceRunner>();
            var progress = new LiveProgress(this);
            var result = await runner.RunToEndAsync(work.Request, work.Tier, new SequenceRunOptions
            {
                OutputDirectory = StoryId, Store = services.GetService<ISequenceStore>(), Beats = work.Beats, Progress = progress,
            }, cancellationToken);
            var done = result.Frames.Count(f => f.Status == SequenceFrameStatus.Done);
            var billedTwice = state.State.PossiblyBilledTwice + result.PossiblyBilledTwice;
            if (done == result.Frames.Count)
            {
                await SaveAsync(state.State with
                {
                    State = StoryState.Completed, FramesDone = done, FramesTotal = result.Frames.Count, PossiblyBilledTwice = billedTwice,
                    Error = null, ErrorType = null, FailedRuns = 0,
                });
                await UnregisterAsync();
                return;
            }

            // Frames not done were refused or failed (surely not billed) or are of unknown outcome (the policy decided):
            // the reminder tries the rest again a few times (a quota or circuit breaker that refused during an outage
            // lets them through later), then the story is Failed.
            var failedRuns = state.State.FailedRuns + 1;
            var giveUp = failedRuns > options.Value.RetriesOfFailedRuns;
            await SaveAsync(state.State with
            {
                State = giveUp ? StoryState.Failed : StoryState.Paused, FramesDone = done, FramesTotal = result.Frames.Count, PossiblyBilledTwice = billedTwice,
                FailedRuns = failedRuns, ErrorType = giveUp ? null : "FramesNotDone",
                Error = $"{result.Frames.Count - done} frame(s) not done: {result.Frames.FirstOrDefault(f => f.Error is not null)?.Error}",
            });
            if (giveUp)
            {
                await UnregisterAsync();
            }
            else
            {
                ScheduleRetry();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The silo is going away: the story stays Running in storage, and its reminder resumes it on another silo.
            Log.Stopped(logger, StoryId);
        }
        catch (SequenceJournalConflictException ex)
        {
            await YieldToOtherWriterAsync(ex);
        }
        catch (SequenceStoreException ex)
        {
            Log.Paused(logger, StoryId, ex.Message);
            await SaveAsync(state.State with { State = StoryState.Paused, Error = ex.Message, ErrorType = nameof(SequenceStoreException) });
            ScheduleRetry();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.Failed(logger, StoryId, ex.GetType().Name, ex.Message);
            await SaveAsync(state.State with { State = StoryState.Failed, Error = ex.Message, ErrorType = ex.GetType().Name });
            await UnregisterAsync();
        }
    }

    /// <summary>
    /// A paused story is tried again after <see cref="PikumoStoryOptions.ResumePeriod"/> by a timer on this activation;
    /// the reminder stays the safety net when the activation or its silo is gone.
    /// </summary>
    private void ScheduleRetry()
    {
        _retry?.Dispose();
        _retry = this.RegisterGrainTimer(RetryAsync, new GrainTimerCreationOptions { DueTime = options.Value.ResumePeriod, Period = Timeout.InfiniteTimeSpan });
    }

    private Task RetryAsync()
    {
        if (_run is not { IsCompleted: false } && state.State.State is StoryState.Paused or StoryState.Running)
        {
            Log.Resuming(logger, StoryId, state.State.State);
            Begin();
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Another run wrote the story's journal (an activation on a silo declared dead that still ran, or a second one during a
    /// membership change): this run stopped before its next paid call and replaced nothing. Not a failure of the story:
    /// the reminder stays, and its next tick resumes from what the other run recorded unless the story is done by then.
    /// No status is written or announced (the other run's status stands).
    /// </summary>
    private async Task YieldToOtherWriterAsync(SequenceJournalConflictException ex)
    {
        Log.Conflict(logger, StoryId, ex.Message);
        try
        {
            await state.ReadStateAsync();
        }
        catch (Exception readError) when (readError is not OutOfMemoryException)
        {
            Log.StatusNotSaved(logger, StoryId, readError.Message);
        }

        var stored = state.State ?? new StoryStatus { StoryId = StoryId };
        if (stored.State is StoryState.NotStarted or StoryState.Completed or StoryState.Failed)
        {
            // Keep the story resumable: the reminder only resumes Running or Paused stories.
            stored = stored with { State = stored.State == StoryState.Completed ? StoryState.Completed : StoryState.Running };
        }

        state.State = stored;
        _live = stored with { Error = ex.Message, ErrorType = nameof(SequenceJournalConflictException) };
        if (stored.State == StoryState.Completed)
        {
            await UnregisterAsync();
        }
    }

    private async Task SaveAsync(StoryStatus status)
    {
        state.State = status;
        _live = status;
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Grain storage unreachable: the status stays in memory (the next save stores it); the story store's journal
            // still holds every frame. A stored version that moved (a write of an outage landed) is taken and overwritten.
            if (!StoredVersion.IsConflict(ex) || await StoredVersion.OverwriteAsync(state) is not null)
            {
                Log.StatusNotSaved(logger, StoryId, ex.Message);
            }
        }

        foreach (var listener in services.GetServices<IStoryStatusListener>())
        {
            listener.OnStatus(status);
        }
    }

    private async Task UnregisterAsync()
    {
        try
        {
            if (await this.GetReminder(ReminderName) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A reminder that stays fires once more and finds the story finished.
            Log.StatusNotSaved(logger, StoryId, ex.Message);
        }
    }

    /// <summary>Frame counts as the run reports them (on any thread; only this field is written).</summary>
    private sealed class LiveProgress(StoryGrain grain) : IProgress<SequenceProgress>
    {
        public void Report(SequenceProgress value)
        {
            var current = grain._live ?? grain.Current;
            grain._live = current with { FramesDone = value.FramesDone, FramesTotal = value.FramesTotal };
        }
    }

    private static partial class Log
    {
        [LoggerMessage(300, LogLevel.Information, "Story {StoryId}: resuming a {State} story from its journal")]
        public static partial void Resuming(ILogger logger, string storyId, StoryState state);

        [LoggerMessage(301, LogLevel.Information, "Story {StoryId}: the silo is stopping; the story's reminder resumes it elsewhere")]
        public static partial void Stopped(ILogger logger, string storyId);

        [LoggerMessage(302, LogLevel.Warning, "Story {StoryId}: paused, storage failed: {Error}")]
        public static partial void Paused(ILogger logger, string storyId, string error);

        [LoggerMessage(303, LogLevel.Error, "Story {StoryId}: failed with {ErrorType}: {Error}")]
        public static partial void Failed(ILogger logger, string storyId, string errorType, string error);

        [LoggerMessage(304, LogLevel.Warning, "Story {StoryId}: status or reminder not saved: {Error}")]
        public static partial void StatusNotSaved(ILogger logger, string storyId, string error);

        [LoggerMessage(306, LogLevel.Information, "Story {StoryId}: deleted ({Deleted} items deleted, {Kept} kept)")]
        public static partial void Deleted(ILogger logger, string storyId, int deleted, int kept);

        [LoggerMessage(305, LogLevel.Warning, "Story {StoryId}: another run wrote the journal, this run stopped before its next call; the reminder resumes the story: {Error}")]
        public static partial void Conflict(ILogger logger, string storyId, string error);
    }
}
