using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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
            await SaveAsync(state.State with
            {
                State = done == result.Frames.Count ? StoryState.Completed : StoryState.Failed, FramesDone = done, FramesTotal = result.Frames.Count,
                PossiblyBilledTwice = billedTwice, Error = done == result.Frames.Count ? null : $"{result.Frames.Count - done} frame(s) not done: {result.Frames.FirstOrDefault(f => f.Error is not null)?.Error}",
            });
            await UnregisterAsync();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The silo is going away: the story stays Running in storage, and its reminder resumes it on another silo.
            Log.Stopped(logger, StoryId);
        }
        catch (SequenceStoreException ex)
        {
            Log.Paused(logger, StoryId, ex.Message);
            await SaveAsync(state.State with { State = StoryState.Paused, Error = ex.Message, ErrorType = nameof(SequenceStoreException) });
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.Failed(logger, StoryId, ex.GetType().Name, ex.Message);
            await SaveAsync(state.State with { State = StoryState.Failed, Error = ex.Message, ErrorType = ex.GetType().Name });
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
            // Grain storage unreachable: the status stays in memory; the story store's journal still holds every frame.
            Log.StatusNotSaved(logger, StoryId, ex.Message);
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
    }
}
