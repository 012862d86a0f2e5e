using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Pikumo.ImageGen.Diagnostics;

namespace Pikumo.ImageGen.Sequences;

/// <content>
/// The chunks on their critical path (<see cref="SequenceSchedule"/>): a chunk's chained frame is sent first and
/// takes the first free slot, and the next chunk starts the moment it lands while the chunk's other frames finish.
/// </content>
public sealed partial class SequenceRunner
{
    /// <summary>Yields every frame of the run as it lands; when it stops early, waits for the calls already started.</summary>
    private async IAsyncEnumerable<SequenceFrame> ChunksAsync(SequenceRun run, IReadOnlyDictionary<JournalKey, Resolution> resolutions, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var pipeline = new ChunkPipeline(this, run, resolutions, cancellationToken);
        try
        {
            pipeline.Pump();
            await foreach (var frame in pipeline.Frames.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                yield return frame;
            }

            pipeline.ThrowIfFaulted();
        }
        finally
        {
            // Stopped early (cancelled, failed, or the caller stopped reading): no new call starts, and the calls in
            // flight settle, so every paid frame is on disk and in the journal before the run returns.
            await pipeline.StopAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Starts the units the schedule gives, one task each, and hands their frames to the reader in landing order. The
    /// progress hears, in this order, a unit's frames, its chunk's end (when it was the chunk's last) and the next
    /// chunk's start (when it released it), before any call of that chunk starts.
    /// </summary>
    private sealed class ChunkPipeline
    {
        private readonly Lock _lock = new();
        private readonly SequenceRunner _runner;
        private readonly SequenceRun _run;
        private readonly IReadOnlyDictionary<JournalKey, Resolution> _resolutions;
        private readonly CancellationToken _cancellationToken;
        private readonly SequenceSchedule _schedule;
        private readonly int[][] _beats;
        private readonly List<SequenceFrame>[] _landed;
        private readonly IReadOnlyList<(ImageInput Image, string Label)>?[] _references;
        private readonly Activity?[] _activities;
        private readonly Activity? _parent = Activity.Current;
        private readonly Channel<SequenceFrame> _frames =
            Channel.CreateUnbounded<SequenceFrame>(new UnboundedChannelOptions { SingleReader = true });

        private (ImageInput Image, string Label)? _continuity;
        private ExceptionDispatchInfo? _fault;
        private bool _stopping;
        private int _running;
        private TaskCompletionSource? _drained;

        public ChunkPipeline(SequenceRunner runner, SequenceRun run, IReadOnlyDictionary<JournalKey, Resolution> resolutions, CancellationToken cancellationToken)
        {
            _runner = runner;
            _run = run;
            _resolutions = resolutions;
            _cancellationToken = cancellationToken;
            _beats = [.. run.Chunks.Select(c => run.Beats.Skip(c.Start).Take(c.Count).ToArray())];
            var final = run.Tier == SequenceTier.Final;
            _schedule = new SequenceSchedule([.. _beats.Select(b => final ? b.Length : 1)], final ? run.Request.MaxParallelFrames : 1, final ? runner._client.Options.MaxConcurrentCalls : 1);
            _landed = [.. _beats.Select(b => new List<SequenceFrame>(b.Length))];
            _references = new IReadOnlyList<(ImageInput, string)>?[_beats.Length];
            _activities = new Activity?[_beats.Length];
            _continuity = run.Continuation;   // a continued story's first chunk carries the frame it continues from
            lock (_lock)
            {
                Release(0);
            }

            if (final && run.Request.PartialImages > 0 && !run.Capabilities.SupportsStreaming)
            {
                SequenceLog.NoPartialImages(runner._logger, run.Provider, run.Model, run.Request.PartialImages);
            }
        }

        public ChannelReader<SequenceFrame> Frames => _frames.Reader;

        /// <summary>Starts every unit the schedule allows now.</summary>
        public void Pump()
        {
            IReadOnlyList<(int Chunk, int Unit)> start;
            lock (_lock)
            {
                if (_stopping)
                {
                    return;
                }

                if (_cancellationToken.IsCancellationRequested)
                {
                    Fault(new OperationCanceledException(_cancellationToken));
                    return;
                }

                start = _schedule.Take();
                _running += start.Count;
            }

            foreach (var (chunk, unit) in start)
            {
                _ = RunUnitAsync(chunk, unit);
            }
        }

        public void ThrowIfFaulted()
        {
            lock (_lock)
            {
                _fault?.Throw();
            }
        }

        /// <summary>Starts nothing more and waits for the units in flight.</summary>
        public async Task StopAsync()
        {
            Task drained;
            lock (_lock)
            {
                _stopping = true;
                drained = _running == 0 ? Task.CompletedTask : (_drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;
            }

            await drained.ConfigureAwait(false);
            foreach (var activity in _activities)
            {
                activity?.Dispose();
            }
        }

        private async Task RunUnitAsync(int chunk, int unit)
        {
            try
            {
                IReadOnlyList<(ImageInput Image, string Label)> references;
                lock (_lock)
                {
                    references = _references[chunk]!;
                }

                // The chunk's span is the parent of its calls (set here: the task may start from another chunk's call).
                Activity.Current = _activities[chunk] ?? _parent;
                var frames = _run.Tier == SequenceTier.Final
                    ? await _runner.FinalFrameAsync(_run, _resolutions, _beats[chunk][unit], chunk, references, _cancellationToken).ConfigureAwait(false)
                    : await _runner.PreviewChunkAsync(_run, _resolutions, _beats[chunk], chunk, references, _cancellationToken).ConfigureAwait(false);
                Landed(chunk, unit, frames);
            }
            catch (Exception ex)
            {
                lock (_lock)
                {
                    Fault(ex);
                }
            }
            finally
            {
                lock (_lock)
                {
                    if (--_running == 0)
                    {
                        _drained?.TrySetResult();
                    }
                }
            }

            Pump();
        }

        private void Landed(int chunk, int unit, IReadOnlyList<SequenceFrame> frames)
        {
            lock (_lock)
            {
                var chunksDone = _schedule.ChunksSettled;
                _landed[chunk].AddRange(frames);
                var chainable = frames.Any(f => f.Status == SequenceFrameStatus.Done && f.Image is not null);
                var released = _schedule.Settled(chunk, unit, chainable);
                foreach (var frame in frames)
                {
                    _run.Reporter.Report(frame);
                    _frames.Writer.TryWrite(frame);
                }

                if (_schedule.ChunksSettled > chunksDone)
                {
                    var landed = _landed[chunk];
                    Log.ChunkFinished(_runner._logger, _run.TierName, chunk + 1, _beats.Length, landed.Count(f => f.Status == SequenceFrameStatus.Done), landed.Count(f => f.Status != SequenceFrameStatus.Done), landed.Count(f => f.FromManifest));
                    _activities[chunk]?.Dispose();
                    _run.Reporter.ChunkFinished(chunk);
                }

                if (released)
                {
                    Release(chunk + 1);
                }

                if (_schedule.Finished)
                {
                    _frames.Writer.TryComplete();
                }
            }
        }

        /// <summary>Lets a chunk start: its references are the photos plus the latest frame of the chunk before (its chained frame when that landed).</summary>
        private void Release(int chunk)
        {
            if (chunk > 0)
            {
                var last = _landed[chunk - 1].Where(f => f.Status == SequenceFrameStatus.Done).MaxBy(f => f.BeatIndex);
                if (last?.Image is { } image)
                {
                    // A frame written as it was decoded is sent from its file.
                    var reference = image.IsWrittenToDestination ? ImageInput.FromFile(last.FilePath!) : ImageInput.FromBytes(image.Data, Path.GetFileName(last.FilePath));
                    _continuity = (reference, $"frame {last.BeatIndex + 1} (last frame of chunk {chunk})");
                }
            }

            var references = _continuity is { } chained ? [.. _run.References, chained] : _run.References;
            _references[chunk] = references;
            var beats = _beats[chunk];
            Log.ChunkStarting(_runner._logger, _run.TierName, chunk + 1, _beats.Length, beats[0] + 1, beats[^1] + 1, references.Count);
            var current = Activity.Current;
            Activity.Current = _parent;
            var activity = ImageGenTelemetry.Source.StartActivity("sequence chunk");
            activity?.SetTag("pikumo.sequence.chunk", chunk);
            _activities[chunk] = activity;
            Activity.Current = current;
            _run.Reporter.ChunkStarted(chunk);   // under the lock: before any of its calls can start
        }

        private void Fault(Exception error)
        {
            _fault ??= ExceptionDispatchInfo.Capture(error);
            _stopping = true;
            _frames.Writer.TryComplete();
        }
    }
}
