using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Sequences;

/// <summary>The state of one run: what it renders, its journal, references, budget, parallelism and counters.</summary>
internal sealed partial class SequenceRun : IAsyncDisposable
{
    private SequenceRun(SequenceRequest request, SequenceTier tier, SequenceRunOptions options, SequenceJournal journal, int[] beats, ImageModelCapabilities capabilities, string provider)
    {
        Request = request;
        Tier = tier;
        Options = options;
        Journal = journal;
        journal.Consents = request.Template.Subjects.Select(s => s.Consent).OfType<Privacy.ConsentRecord>().ToList() is { Count: > 0 } given ? given : null;
        Beats = beats;
        Chunks = SequenceChunks.Split(beats.Length, request.ChunkSize);
        Capabilities = capabilities;
        Provider = provider;
        Parallel = new SemaphoreSlim(request.MaxParallelFrames, request.MaxParallelFrames);
        TierName = tier == SequenceTier.Preview ? "preview" : "final";
        var t = tier == SequenceTier.Preview ? request.Preview : request.Final;
        Settings = $"{t.Quality}|{t.Size}|{t.InputFidelity}|{t.OutputFormat}|{request.Model}{(tier == SequenceTier.Preview ? $"|{request.ChunkSize}" : string.Empty)}";
    }

    public SequenceRequest Request { get; }

    public SequenceTier Tier { get; }

    public SequenceRunOptions Options { get; }

    public SequenceJournal Journal { get; }

    /// <summary>The subjects' consent records, recorded with every entry; <see langword="null"/> when none were given.</summary>
    public List<Privacy.ConsentRecord>? Consents => Journal.Consents;

    public SequenceManifest Manifest => Journal.Manifest;

    public IReadOnlyList<int> Beats { get; }

    public IReadOnlyList<(int Start, int Count)> Chunks { get; }

    public ImageModelCapabilities Capabilities { get; }

    public string Provider { get; }

    public string Model => Capabilities.Model;

    /// <summary>Re-rolls of judged frames in flight at once (the final tier's first calls follow <see cref="SequenceSchedule"/>).</summary>
    public SemaphoreSlim Parallel { get; }

    public string TierName { get; }

    /// <summary>The tier's settings fingerprint: a rerun with other settings makes the file again.</summary>
    public string Settings { get; }

    public List<(ImageInput Image, string Label)> References { get; set; } = [];

    public SequenceBudget Budget { get; set; } = SequenceBudget.Unlimited;

    public SequenceReporter Reporter { get; set; } = null!;

    public string FullPath(string relative) => Journal.FullPath(relative);

    /// <summary>Checks the request against the model and opens the folder's journal.</summary>
    public static async Task<SequenceRun> StartAsync(ImageGenClient client, bool hasSlicer, SequenceRequest request, SequenceTier tier, SequenceRunOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.OutputDirectory, "options.OutputDirectory");
        if (tier == SequenceTier.Preview && !hasSlicer)
        {
            throw new InvalidOperationException(
                "The preview tier slices composites into frames, which needs an image codec: add the Pikumo.ImageGen.Imaging package and pass its SkiaCompositeSlicer to the SequenceRunner (or call services.AddPikumoImageGenImaging()).");
        }

        var capabilities = client.GetCapabilities(request.Model);
        var ceiling = Math.Min(CompositeLayout.MaxPanels, capabilities.CoherenceCeiling);
        if (request.ChunkSize < 1 || request.ChunkSize > ceiling)
        {
            throw new ArgumentOutOfRangeException("request.ChunkSize", request.ChunkSize, $"request.ChunkSize must be between 1 and {ceiling}, the coherence ceiling of {capabilities.Model}.");
        }

        if (request.MaxParallelFrames < 1 || request.FrameAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(request), "request.MaxParallelFrames and request.FrameAttempts must be at least 1.");
        }

        if (request.PartialImages is < 0 or > 3)
        {
            throw new ArgumentOutOfRangeException("request.PartialImages", request.PartialImages, "request.PartialImages must be between 0 and 3.");
        }

        if (options.ProgressInterval <= TimeSpan.Zero && options.ProgressInterval != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException("options.ProgressInterval", options.ProgressInterval, "options.ProgressInterval must be positive (or Timeout.InfiniteTimeSpan for no heartbeat).");
        }

        if (request.BudgetUsd is < 0m)
        {
            throw new ArgumentOutOfRangeException("request.BudgetUsd", request.BudgetUsd, "request.BudgetUsd cannot be negative.");
        }

        if (!Enum.IsDefined(request.UnknownOutcomes))
        {
            throw new ArgumentOutOfRangeException("request.UnknownOutcomes", request.UnknownOutcomes, "Not an UnknownOutcomePolicy value.");
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

        ValidateStory(request);
        var journal = await SequenceJournal.OpenAsync(options.Store ?? FolderSequenceStore.Instance, options.OutputDirectory, cancellationToken).ConfigureAwait(false);
        return new SequenceRun(request, tier, options, journal, [.. beats.Order()], capabilities, client.ProviderName);
    }

    /// <summary>What a beat's frame is keyed by: a rerun reuses a frame only for the same beat text.</summary>
    public static string Key(Scene scene) => string.Join(" | ", scene.Beat, scene.Setting, scene.TimeOfDay, scene.Framing);

    public JournalKey FrameKey(int beat, int chunk) => new(JournalList.Frames, TierName, beat, chunk, Key(Request.Beats[beat]), Settings);

    public async ValueTask DisposeAsync()
    {
        Reporter?.Dispose();
        Parallel.Dispose();
        await Journal.DisposeAsync().ConfigureAwait(false);
    }
}
