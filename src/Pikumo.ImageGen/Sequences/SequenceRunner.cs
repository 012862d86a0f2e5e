using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pikumo.ImageGen.Diagnostics;
using Pikumo.ImageGen.Internal;
using Pikumo.ImageGen.Planning;
using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Sequences;

/// <summary>
/// Renders a <see cref="SequenceRequest"/> chunk by chunk. Preview: one storyboard composite per chunk, sliced into
/// frames. Final: one call per frame, a chunk's frames in parallel, chunks in order because chunk k+1 carries the
/// last frame of chunk k as a continuity reference after the original photos. Frames are yielded as they land,
/// written atomically, and recorded in the folder's manifest, so a stopped run resumes without paying twice.
/// </summary>
public sealed class SequenceRunner
{
    private const string FillerBeat = "unused panel: leave it as a plain soft background with no people and no text";

    private readonly ImageGenClient _client;
    private readonly ICompositeSlicer? _slicer;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a runner.</summary>
    /// <param name="client">The image client.</param>
    /// <param name="slicer">Cuts preview composites into frames; from <c>Pikumo.ImageGen.Imaging</c>. Needed only for the preview tier.</param>
    /// <param name="logger">Logging.</param>
    /// <param name="timeProvider">The clock; the system's by default.</param>
    public SequenceRunner(ImageGenClient client, ICompositeSlicer? slicer = null, ILogger<SequenceRunner>? logger = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _slicer = slicer;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Prices and times the request on this runner's client before it runs.</summary>
    /// <param name="request">The sequence.</param>
    /// <param name="beats">How many beats will be rendered; all when <see langword="null"/>.</param>
    /// <param name="latency">The latency model; the seed's figures by default.</param>
    /// <returns>The plan for both tiers.</returns>
    public SequencePlan Plan(SequenceRequest request, int? beats = null, LatencyModel? latency = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = request.Model?.Value ?? _client.GetCapabilities().Model;
        return new SequencePlanner(_client.Options.Prices, latency).Plan(request, _client.ProviderName, _client.Options.CatalogModel(model), beats);
    }

    /// <summary>Runs to the end and returns every frame with the plan and the actual figures.</summary>
    /// <param name="request">The sequence.</param>
    /// <param name="tier">Preview or final.</param>
    /// <param name="options">The run's folder and beats.</param>
    /// <param name="cancellationToken">Stops new calls; finished frames stay in the folder and the manifest.</param>
    /// <returns>The result.</returns>
    public async Task<SequenceRunResult> RunToEndAsync(SequenceRequest request, SequenceTier tier, SequenceRunOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var start = _timeProvider.GetTimestamp();
        var frames = new List<SequenceFrame>();
        await foreach (var frame in RunAsync(request, tier, options, cancellationToken).ConfigureAwait(false))
        {
            frames.Add(frame);
        }

        var paid = frames.Where(f => !f.FromManifest && f.Status == SequenceFrameStatus.Done).ToList();
        var calls = tier == SequenceTier.Preview ? paid.Select(f => f.RequestId).Distinct().Count() : paid.Count;
        return new SequenceRunResult
        {
            Frames = [.. frames.OrderBy(f => f.BeatIndex)],
            Plan = Plan(request, options.Beats?.Count),
            Actual = new TierPlan
            {
                Calls = calls,
                Images = calls,
                CostUsd = paid.Sum(f => f.Cost?.Usd ?? 0m),
                WallClock = _timeProvider.GetElapsedTime(start),
            },
        };
    }

    /// <summary>Runs the sequence and yields each frame as it lands (frames reused from the manifest first within their chunk).</summary>
    /// <param name="request">The sequence.</param>
    /// <param name="tier">Preview or final.</param>
    /// <param name="options">The run's folder and beats.</param>
    /// <param name="cancellationToken">Stops new calls; finished frames stay in the folder and the manifest.</param>
    /// <returns>The frames.</returns>
    /// <exception cref="ArgumentException">The request does not fit the model (chunk size, references).</exception>
    /// <exception cref="InvalidOperationException">The preview tier without a composite slicer (add <c>Pikumo.ImageGen.Imaging</c>).</exception>
    public async IAsyncEnumerable<SequenceFrame> RunAsync(SequenceRequest request, SequenceTier tier, SequenceRunOptions options, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var run = await StartAsync(request, tier, options, cancellationToken).ConfigureAwait(false);
        using var activity = ImageGenTelemetry.Source.StartActivity($"sequence {tier.ToString().ToLowerInvariant()}");
        activity?.SetTag("pikumo.sequence.beats", run.Beats.Count);
        activity?.SetTag("pikumo.sequence.chunks", run.Chunks.Count);
        (ImageInput Image, string Label)? continuity = null;
        for (var k = 0; k < run.Chunks.Count; k++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (first, count) = run.Chunks[k];
            var beats = run.Beats.Skip(first).Take(count).ToArray();
            var references = continuity is { } chained ? [.. run.References, chained] : run.References;
            Log.ChunkStarting(_logger, run.TierName, k + 1, run.Chunks.Count, beats[0] + 1, beats[^1] + 1, references.Count);
            using var chunkActivity = ImageGenTelemetry.Source.StartActivity("sequence chunk");
            chunkActivity?.SetTag("pikumo.sequence.chunk", k);
            var landed = new List<SequenceFrame>(count);
            var tasks = tier == SequenceTier.Final
                ? beats.Select(beat => FinalFrameAsync(run, beat, k, references, cancellationToken)).ToList()
                : [PreviewChunkAsync(run, beats, k, references, cancellationToken)];
            try
            {
                await foreach (var task in Task.WhenEach(tasks).ConfigureAwait(false))
                {
                    foreach (var frame in await task.ConfigureAwait(false))
                    {
                        landed.Add(frame);
                        run.Report(frame, chunksDone: k);
                        yield return frame;
                    }
                }
            }
            finally
            {
                // Stopped early (cancelled, or the caller stopped reading): let the chunk's calls in flight settle, so
                // every paid frame is on disk and in the manifest before the run returns.
                await ((Task)Task.WhenAll(tasks)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            Log.ChunkFinished(_logger, run.TierName, k + 1, run.Chunks.Count, landed.Count(f => f.Status == SequenceFrameStatus.Done), landed.Count(f => f.Status == SequenceFrameStatus.Failed), landed.Count(f => f.FromManifest));
            var last = landed.Where(f => f.Status == SequenceFrameStatus.Done).MaxBy(f => f.BeatIndex);
            if (last?.Image is { } image)
            {
                continuity = (ImageInput.FromBytes(image.Data, Path.GetFileName(last.FilePath)), $"frame {last.BeatIndex + 1} (last frame of chunk {k + 1})");
            }
        }
    }

    private async Task<Run> StartAsync(SequenceRequest request, SequenceTier tier, SequenceRunOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OutputDirectory, "options.OutputDirectory");
        if (tier == SequenceTier.Preview && _slicer is null)
        {
            throw new InvalidOperationException(
                "The preview tier slices composites into frames, which needs an image codec: add the Pikumo.ImageGen.Imaging package and pass its SkiaCompositeSlicer to the SequenceRunner (or call services.AddPikumoImageGenImaging()).");
        }

        var capabilities = _client.GetCapabilities(request.Model);
        var ceiling = Math.Min(CompositeLayout.MaxPanels, capabilities.CoherenceCeiling);
        if (request.ChunkSize < 1 || request.ChunkSize > ceiling)
        {
            throw new ArgumentOutOfRangeException("request.ChunkSize", request.ChunkSize, $"request.ChunkSize must be between 1 and {ceiling}, the coherence ceiling of {capabilities.Model}.");
        }

        if (request.MaxParallelFrames < 1 || request.FrameAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(request), "request.MaxParallelFrames and request.FrameAttempts must be at least 1.");
        }

        var needed = request.ReferenceCount;
        if (request.References.Count > 0 ? request.References.Count != needed : request.ReferencePrompts.Count != needed)
        {
            throw new ArgumentException(
                $"The template numbers {needed} reference image(s) but the request has {request.References.Count} reference(s) and {request.ReferencePrompts.Count} reference prompt(s): give one photo, or one prompt to generate it, per reference.",
                "request.References");
        }

        var beats = options.Beats ?? Enumerable.Range(0, request.Beats.Count).ToArray();
        if (beats.Count == 0 || beats.Any(b => b < 0 || b >= request.Beats.Count) || beats.Distinct().Count() != beats.Count)
        {
            throw new ArgumentException($"options.Beats must be distinct beat indexes between 0 and {request.Beats.Count - 1}.", "options.Beats");
        }

        Directory.CreateDirectory(options.OutputDirectory);
        var manifest = await SequenceManifest.LoadAsync(options.OutputDirectory, cancellationToken).ConfigureAwait(false) ?? new SequenceManifest();
        var sorted = beats.Order().ToArray();
        var run = new Run(this, request, tier, options, manifest, sorted, SequenceChunks.Split(sorted.Length, request.ChunkSize));
        run.References = await ReferencesAsync(run, cancellationToken).ConfigureAwait(false);
        return run;
    }

    /// <summary>The photos, or references generated from the prompts (once; reused from the manifest after).</summary>
    private async Task<List<(ImageInput Image, string Label)>> ReferencesAsync(Run run, CancellationToken cancellationToken)
    {
        var notes = run.Request.Template.References;
        if (run.Request.References.Count > 0)
        {
            return [.. run.Request.References.Select((image, i) => (image, $"reference {i + 1}: {notes[i].Note}"))];
        }

        var result = new List<(ImageInput, string)>();
        for (var i = 0; i < run.Request.ReferencePrompts.Count; i++)
        {
            var prompt = run.Request.ReferencePrompts[i];
            var label = $"reference {i + 1} (generated): {notes[i].Note}";
            var settings = $"{run.Request.Final.Quality}|1024x1024|{run.Request.Model}";
            if (await run.ReusableAsync(run.Manifest.References, "reference", i, prompt.Text ?? string.Empty, settings, cancellationToken).ConfigureAwait(false) is { } bytes)
            {
                result.Add((ImageInput.FromBytes(bytes), label));
                continue;
            }

            var generated = await _client.GenerateAsync(
                new ImageGenerationRequest(prompt) { Model = run.Request.Model, Quality = run.Request.Final.Quality, Size = ImageSize.Square1024 },
                cancellationToken).ConfigureAwait(false);
            var image = generated.Images[0];
            var file = await run.SaveAsync($"references/reference-{i + 1}{image.FileExtension}", image, CancellationToken.None).ConfigureAwait(false);
            await run.RecordAsync(run.Manifest.References, Entry("reference", i, prompt.Text ?? string.Empty, settings, 0, file, image, generated, generated.Cost, []), CancellationToken.None).ConfigureAwait(false);
            result.Add((ImageInput.FromBytes(image.Data), label));
        }

        return result;
    }

    private async Task<IReadOnlyList<SequenceFrame>> FinalFrameAsync(Run run, int beat, int chunk, IReadOnlyList<(ImageInput Image, string Label)> references, CancellationToken cancellationToken)
    {
        var scene = run.Request.Beats[beat];
        var labels = references.Select(r => r.Label).ToList();
        if (await run.ReusableAsync(run.Manifest.Frames, run.TierName, beat, Key(scene), run.Settings, cancellationToken).ConfigureAwait(false) is { } reused)
        {
            return [run.Reused(beat, chunk, scene, reused)];
        }

        await run.Parallel.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var request = CallFor(run, references, spec => spec.WithScene(scene), run.Request.Final);
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    var result = await _client.EditAsync(request, cancellationToken).ConfigureAwait(false);

                    // The frame is paid for: keep it even if the run is being cancelled.
                    var image = result.Images[0];
                    var file = await run.SaveAsync($"final/frame-{beat + 1:000}{image.FileExtension}", image, CancellationToken.None).ConfigureAwait(false);
                    await run.RecordAsync(run.Manifest.Frames, Entry(run.TierName, beat, Key(scene), run.Settings, chunk, file, image, result, result.Cost, labels), CancellationToken.None).ConfigureAwait(false);
                    return [new SequenceFrame
                    {
                        Tier = SequenceTier.Final, BeatIndex = beat, Beat = scene, Chunk = chunk, Image = image, FilePath = run.FullPath(file),
                        References = labels, RequestId = result.RequestId, Usage = result.Usage, Cost = result.Cost, Elapsed = result.Elapsed,
                    }];
                }
                catch (ImageGenException ex) when (attempt >= run.Request.FrameAttempts)
                {
                    return [await run.FailedAsync(beat, chunk, scene, labels, ex, cancellationToken).ConfigureAwait(false)];
                }
                catch (ImageGenException)
                {
                    // try the frame again
                }
            }
        }
        finally
        {
            run.Parallel.Release();
        }
    }

    private async Task<IReadOnlyList<SequenceFrame>> PreviewChunkAsync(Run run, int[] beats, int chunk, IReadOnlyList<(ImageInput Image, string Label)> references, CancellationToken cancellationToken)
    {
        var scenes = beats.Select(b => run.Request.Beats[b]).ToArray();
        var labels = references.Select(r => r.Label).ToList();
        var reused = new List<SequenceFrame>();
        for (var i = 0; i < beats.Length; i++)
        {
            if (await run.ReusableAsync(run.Manifest.Frames, run.TierName, beats[i], Key(scenes[i]), run.Settings, cancellationToken).ConfigureAwait(false) is { } bytes)
            {
                reused.Add(run.Reused(beats[i], chunk, scenes[i], bytes));
            }
        }

        if (reused.Count == beats.Length)
        {
            return reused;
        }

        var options = run.Request.Preview;
        var (rows, columns) = SequenceGrid.For(beats.Length, options.Size);
        var layout = new CompositeLayoutBuilder(rows, columns, options.Size, run.Capabilities.Sizes)
            .AddBeats(scenes.Concat(Enumerable.Repeat(new Scene(FillerBeat), (rows * columns) - beats.Length)))
            .Build();
        foreach (var warning in layout.Warnings)
        {
            Log.LayoutWarning(_logger, warning);
        }

        var chunkKey = string.Join("\n", scenes.Select(Key));
        GeneratedImage composite;
        ImageResult? call = null;
        if (await run.ReusableAsync(run.Manifest.Composites, run.TierName, -1, chunkKey, run.Settings, cancellationToken).ConfigureAwait(false) is { } saved)
        {
            composite = new GeneratedImage(0, saved);
        }
        else
        {
            var request = CallFor(run, references, spec => spec.WithLayout(layout), options);
            try
            {
                call = await _client.EditAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (ImageGenException ex)
            {
                var failed = new List<SequenceFrame>(reused);
                foreach (var beat in beats.Where(b => reused.TrueForAll(r => r.BeatIndex != b)))
                {
                    failed.Add(await run.FailedAsync(beat, chunk, run.Request.Beats[beat], labels, ex, cancellationToken).ConfigureAwait(false));
                }

                return failed;
            }

            // The composite is paid for: keep it even if the run is being cancelled (a rerun slices it again for free).
            composite = call.Images[0];
            var file = await run.SaveAsync(CompositeFile(chunk, composite), composite, CancellationToken.None).ConfigureAwait(false);
            await run.RecordAsync(run.Manifest.Composites, Entry(run.TierName, -1, chunkKey, run.Settings, chunk, file, composite, call, call.Cost, labels), CancellationToken.None).ConfigureAwait(false);
        }

        // Every panel says it was cut from this composite (file and SHA-256) and whose consent it was made under.
        var source = Privacy.ProvenanceSource.Of(composite.Data.Span, CompositeFile(chunk, composite)) with { RequestId = call?.RequestId, Model = call?.Model };
        var provenance = new Privacy.ImageProvenance { Sources = [source], Consents = run.Consents ?? [], Description = $"a panel of a {rows}x{columns} storyboard" };
        var panels = await _slicer!.SliceAsync(composite, layout, provenance, cancellationToken).ConfigureAwait(false);
        var share = call?.Cost is { } cost ? new ImageCost(decimal.Round(cost.Usd / beats.Length, 6), cost.Basis) : (ImageCost?)null;
        var frames = new List<SequenceFrame>(reused);
        for (var i = 0; i < beats.Length; i++)
        {
            if (reused.Exists(r => r.BeatIndex == beats[i]))
            {
                continue;
            }

            var panel = panels[i];
            var file = await run.SaveAsync($"preview/frame-{beats[i] + 1:000}{panel.FileExtension}", panel, CancellationToken.None).ConfigureAwait(false);
            var entry = Entry(run.TierName, beats[i], Key(scenes[i]), run.Settings, chunk, file, panel, call, share, labels) with { Panel = layout.Panels[i].Name };
            await run.RecordAsync(run.Manifest.Frames, entry, CancellationToken.None).ConfigureAwait(false);
            frames.Add(new SequenceFrame
            {
                Tier = SequenceTier.Preview, BeatIndex = beats[i], Beat = scenes[i], Chunk = chunk, Image = panel, FilePath = run.FullPath(file),
                References = labels, RequestId = call?.RequestId, Usage = call?.Usage, Cost = share, Elapsed = call?.Elapsed ?? TimeSpan.Zero,
                Panel = layout.Panels[i].Name,
            });
        }

        return frames;
    }

    /// <summary>
    /// One call of a chunk: the template, a continuity reference when the chunk carries the previous chunk's last frame,
    /// the scene or layout, and the tier's settings.
    /// </summary>
    private static ImageEditRequest CallFor(Run run, IReadOnlyList<(ImageInput Image, string Label)> references, Func<PromptSpecBuilder, PromptSpecBuilder> content, SequenceTierOptions tier)
    {
        var builder = run.Request.Template.ToBuilder();
        if (references.Count > run.References.Count)
        {
            builder.AddContinuityReference();
        }

        return content(builder).Build().ToEditRequest([.. references.Select(r => r.Image)]) with
        {
            Model = run.Request.Model,
            Quality = tier.Quality,
            Size = tier.Size,
            InputFidelity = tier.InputFidelity,
            OutputFormat = tier.OutputFormat,
        };
    }

    private static SequenceManifestEntry Entry(string tier, int beat, string text, string settings, int chunk, string file, GeneratedImage image, ImageResult? result, ImageCost? cost, List<string> references) => new()
    {
        Tier = tier,
        Beat = beat,
        Text = text,
        Settings = settings,
        Chunk = chunk,
        File = file,
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(image.Data.Span)),
        RequestId = result?.RequestId,
        References = references,
        CostUsd = cost?.Usd,
        CostEstimated = cost?.Basis == ImageCostBasis.Estimate,
        Usage = result?.Usage,
        ElapsedMs = result?.Elapsed.TotalMilliseconds ?? 0,
    };

    private static string CompositeFile(int chunk, GeneratedImage composite) => $"preview/composite-{chunk + 1:00}{composite.FileExtension}";

    private static string Key(Scene scene) => string.Join(" | ", scene.Beat, scene.Setting, scene.TimeOfDay, scene.Framing);

    /// <summary>The state of one run: its folder, manifest, references and counters.</summary>
    private sealed class Run(SequenceRunner owner, SequenceRequest request, SequenceTier tier, SequenceRunOptions options, SequenceManifest manifest, int[] beats, IReadOnlyList<(int Start, int Count)> chunks) : IDisposable
    {
        private readonly SemaphoreSlim _manifestLock = new(1, 1);
        private readonly long _start = owner._timeProvider.GetTimestamp();
        private readonly TimeSpan _planned = owner.Plan(request, beats.Length) is { } plan ? (tier == SequenceTier.Preview ? plan.Preview.WallClock : plan.Final.WallClock) : TimeSpan.Zero;
        private int _done;
        private int _failed;
        private decimal _cost;

        public SequenceRequest Request => request;

        public SequenceManifest Manifest => manifest;

        public IReadOnlyList<int> Beats => beats;

        public IReadOnlyList<(int Start, int Count)> Chunks => chunks;

        public List<(ImageInput Image, string Label)> References { get; set; } = [];

        public ImageModelCapabilities Capabilities { get; } = owner._client.GetCapabilities(request.Model);

        public SemaphoreSlim Parallel { get; } = new(request.MaxParallelFrames, request.MaxParallelFrames);

        public string TierName { get; } = tier == SequenceTier.Preview ? "preview" : "final";

        public string Settings { get; } = tier == SequenceTier.Preview
            ? $"{request.Preview.Quality}|{request.Preview.Size}|{request.Preview.InputFidelity}|{request.Preview.OutputFormat}|{request.Model}|{request.ChunkSize}"
            : $"{request.Final.Quality}|{request.Final.Size}|{request.Final.InputFidelity}|{request.Final.OutputFormat}|{request.Model}";

        /// <summary>The subjects' consent records, recorded with every entry; <see langword="null"/> when none were given.</summary>
        public List<Privacy.ConsentRecord>? Consents { get; } = request.Template.Subjects.Select(s => s.Consent).OfType<Privacy.ConsentRecord>().ToList() is { Count: > 0 } given ? given : null;

        public string FullPath(string relative) => Path.Combine(options.OutputDirectory, relative);

        public async Task<string> SaveAsync(string relative, GeneratedImage image, CancellationToken cancellationToken)
        {
            await image.SaveAsync(FullPath(relative), overwrite: true, cancellationToken).ConfigureAwait(false);
            return relative;
        }

        /// <summary>The bytes of a recorded file that still matches its hash, or <see langword="null"/> (then it is made again).</summary>
        public async Task<byte[]?> ReusableAsync(List<SequenceManifestEntry> entries, string tierName, int beat, string text, string settings, CancellationToken cancellationToken)
        {
            SequenceManifestEntry? entry;
            await _manifestLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                entry = entries.LastOrDefault(e => e.Tier == tierName && e.Beat == beat && e.Text == text && e.Settings == settings && e.Status == "done");
            }
            finally
            {
                _manifestLock.Release();
            }

            if (entry?.File is not { } file || !File.Exists(FullPath(file)))
            {
                return null;
            }

            var bytes = await File.ReadAllBytesAsync(FullPath(file), cancellationToken).ConfigureAwait(false);
            return Convert.ToHexStringLower(SHA256.HashData(bytes)) == entry.Sha256 ? bytes : null;
        }

        public async Task RecordAsync(List<SequenceManifestEntry> entries, SequenceManifestEntry entry, CancellationToken cancellationToken)
        {
            await _manifestLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            try
            {
                entry = entry with { Consents = entry.Consents ?? Consents };
                entries.RemoveAll(e => e.Tier == entry.Tier && e.Beat == entry.Beat && (entry.Beat >= 0 || e.Chunk == entry.Chunk));
                entries.Add(entry);
                entries.Sort((a, b) => a.Beat != b.Beat ? a.Beat.CompareTo(b.Beat) : string.CompareOrdinal(a.Tier, b.Tier));
                _cost += entry.Beat >= 0 || entry.Tier == "reference" ? 0 : entry.CostUsd ?? 0;
                await manifest.SaveAsync(options.OutputDirectory, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _manifestLock.Release();
            }
        }

        public SequenceFrame Reused(int beat, int chunk, Scene scene, byte[] bytes)
        {
            var entry = manifest.Frames.Last(e => e.Tier == TierName && e.Beat == beat);
            return new SequenceFrame
            {
                Tier = tier, BeatIndex = beat, Beat = scene, Chunk = chunk, Image = new GeneratedImage(0, bytes), FilePath = FullPath(entry.File!),
                References = entry.References, RequestId = entry.RequestId, Usage = entry.Usage, Panel = entry.Panel, FromManifest = true,
                Cost = entry.CostUsd is { } usd ? new ImageCost(usd, entry.CostEstimated ? ImageCostBasis.Estimate : ImageCostBasis.Usage) : null,
                Elapsed = TimeSpan.FromMilliseconds(entry.ElapsedMs),
            };
        }

        public async Task<SequenceFrame> FailedAsync(int beat, int chunk, Scene scene, List<string> references, ImageGenException error, CancellationToken cancellationToken)
        {
            Log.FrameFailed(owner._logger, TierName, beat + 1, error.Message);
            await RecordAsync(manifest.Frames, new SequenceManifestEntry
            {
                Tier = TierName, Beat = beat, Text = Key(scene), Settings = Settings, Chunk = chunk, Status = "failed",
                Error = error.Message, RequestId = error.RequestId, References = references,
            }, cancellationToken).ConfigureAwait(false);
            return new SequenceFrame
            {
                Tier = tier, BeatIndex = beat, Beat = scene, Chunk = chunk, Status = SequenceFrameStatus.Failed, Error = error.Message,
                RequestId = error.RequestId, References = references,
            };
        }

        public void Report(SequenceFrame frame, int chunksDone)
        {
            if (frame.Status == SequenceFrameStatus.Done)
            {
                _done++;
                if (!frame.FromManifest && tier == SequenceTier.Final)
                {
                    _cost += frame.Cost?.Usd ?? 0;
                }
            }
            else
            {
                _failed++;
            }

            var elapsed = owner._timeProvider.GetElapsedTime(_start);
            var remaining = chunksDone > 0
                ? elapsed / chunksDone * (chunks.Count - chunksDone)
                : _planned > elapsed ? _planned - elapsed : TimeSpan.Zero;
            options.Progress?.Report(new SequenceProgress
            {
                Tier = tier, FramesDone = _done, FramesFailed = _failed, FramesTotal = beats.Length, ChunksDone = chunksDone,
                ChunksTotal = chunks.Count, CostUsd = _cost, Elapsed = elapsed, EstimatedRemaining = remaining, LastFrame = frame,
            });
        }

        public void Dispose()
        {
            _manifestLock.Dispose();
            Parallel.Dispose();
        }
    }
}
