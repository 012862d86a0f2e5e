using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Pikumo.ImageGen.Diagnostics;
using Pikumo.ImageGen.Planning;

namespace Pikumo.ImageGen.Sequences;

/// <summary>
/// Renders a <see cref="SequenceRequest"/> chunk by chunk. Preview: one storyboard composite per chunk, sliced into
/// frames. Final: one call per frame, a chunk's frames in parallel; chunk k+1 carries the last frame of chunk k as a
/// continuity reference after the original photos, so that frame is sent first and chunk k+1 starts as soon as it lands
/// (the critical path, <see cref="SequenceSchedule"/>) while chunk k's other frames finish. Frames are yielded as they land and
/// written atomically; the folder's manifest is a write-ahead journal of every paid call, so a run stopped at any
/// point (cancelled, crashed, killed) resumes without paying twice (see <see cref="UnknownOutcomePolicy"/>).
/// </summary>
public sealed partial class SequenceRunner
{
    private readonly ImageGenClient _client;
    private readonly ICompositeSlicer? _slicer;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly SequenceCalls _calls;

    /// <summary>Creates a runner.</summary>
    /// <param name="client">The image client.</param>
    /// <param name="slicer">Cuts preview composites into frames; from <c>Pikumo.ImageGen.Imaging</c>. Needed only for the preview tier.</param>
    /// <param name="logger">Logging.</param>
    /// <param name="timeProvider">The clock; the system's by default.</param>
    public SequenceRunner(ImageGenClient client, ICompositeSlicer? slicer = null, ILogger<SequenceRunner>? logger = null, TimeProvider? timeProvider = null)
        : this(client, slicer, logger ?? (ILogger)NullLogger.Instance, timeProvider)
    {
    }

    private SequenceRunner(ImageGenClient client, ICompositeSlicer? slicer, ILogger logger, TimeProvider? timeProvider)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _slicer = slicer;
        _logger = logger;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _calls = new SequenceCalls(client, _logger, _timeProvider);
    }

    /// <summary>
    /// Clients for tiers routed to another provider (<see cref="SequenceTierOptions.Provider"/>): a tier runs on the client
    /// here whose <see cref="ImageGenClient.ProviderName"/> it names, for example the preview on a Gemini client and the final
    /// on this runner's OpenAI client.
    /// </summary>
    public IReadOnlyList<ImageGenClient> RouteClients { get; init; } = [];

    /// <summary>Prices and times the request before it runs, each tier on its own route (its provider's client and model).</summary>
    /// <param name="request">The sequence.</param>
    /// <param name="beats">How many beats will be rendered; all when <see langword="null"/>.</param>
    /// <param name="latency">The latency model; the seed's figures by default.</param>
    /// <returns>The plan for both tiers.</returns>
    /// <exception cref="ArgumentException">A tier names a provider no client of this runner speaks.</exception>
    public SequencePlan Plan(SequenceRequest request, int? beats = null, LatencyModel? latency = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var model = request.Model?.Value ?? _client.GetCapabilities().Model;
        return new SequencePlanner(_client.Options.Prices, latency) { MaxConcurrentCalls = _client.Options.MaxConcurrentCalls }.Plan(request, Route(request, SequenceTier.Preview), Route(request, SequenceTier.Final), _client.ProviderName, _client.Options.CatalogModel(model), beats);
    }

    /// <summary>The client a tier runs on: the runner's, or the route client of the provider the tier names.</summary>
    private ImageGenClient ClientFor(SequenceRequest request, SequenceTier tier)
    {
        var provider = request.TierOptions(tier).Provider;
        return provider is null || Speaks(_client, provider) ? _client
            : RouteClients.FirstOrDefault(c => Speaks(c, provider))
              ?? throw new ArgumentException($"request.{tier}.Provider is '{provider}', but the runner has no client for it: add one to SequenceRunner.RouteClients (it has {string.Join(", ", RouteClients.Select(c => c.ProviderName).Prepend(_client.ProviderName))}).", nameof(request));
    }

    /// <summary>
    /// Whether a client is the provider a tier names, by either of its names and in any case: the one results and prices
    /// carry (<c>azure.ai.openai</c>) or the one it is registered and configured under (<c>AzureOpenAI</c>).
    /// </summary>
    private static bool Speaks(ImageGenClient client, string provider) =>
        string.Equals(provider, client.ProviderName, StringComparison.OrdinalIgnoreCase)
        || string.Equals(provider, client.RegisteredProviderName, StringComparison.OrdinalIgnoreCase);

    /// <summary>The provider and catalog model a tier is priced for.</summary>
    private TierRoute Route(SequenceRequest request, SequenceTier tier)
    {
        var client = ClientFor(request, tier);
        var model = request.TierOptions(tier).Model?.Value ?? request.Model?.Value ?? client.GetCapabilities().Model;
        return new TierRoute(client.ProviderName, client.Options.CatalogModel(model));
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
        var reporter = new StrongBox<SequenceReporter?>();
        var frames = new List<SequenceFrame>();
        await foreach (var frame in RunCoreAsync(request, tier, options, reporter, cancellationToken).ConfigureAwait(false))
        {
            frames.Add(frame);
        }

        return reporter.Value!.Result(frames, Plan(request, options.Beats?.Count));
    }

    /// <summary>Runs the sequence and yields each frame as it lands (frames reused from the manifest first within their chunk).</summary>
    /// <param name="request">The sequence.</param>
    /// <param name="tier">Preview or final.</param>
    /// <param name="options">The run's folder and beats.</param>
    /// <param name="cancellationToken">Stops new calls; finished frames stay in the folder and the manifest.</param>
    /// <returns>The frames.</returns>
    /// <exception cref="ArgumentException">The request does not fit the model (chunk size, references).</exception>
    /// <exception cref="InvalidOperationException">
    /// The preview tier without a composite slicer (add <c>Pikumo.ImageGen.Imaging</c>); another run is using the folder;
    /// or <see cref="UnknownOutcomePolicy.Stop"/> found frames whose earlier call's outcome is unknown (before any paid call).
    /// </exception>
    public IAsyncEnumerable<SequenceFrame> RunAsync(SequenceRequest request, SequenceTier tier, SequenceRunOptions options, CancellationToken cancellationToken = default) =>
        RunCoreAsync(request, tier, options, null, cancellationToken);

    private async IAsyncEnumerable<SequenceFrame> RunCoreAsync(SequenceRequest request, SequenceTier tier, SequenceRunOptions options, StrongBox<SequenceReporter?>? reporter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        // Per-tier routing: the tier's model for every call, on the client of the tier's provider.
        ArgumentNullException.ThrowIfNull(request);
        if (request.TierOptions(tier).Model is { } tierModel && tierModel != request.Model)
        {
            request = request with { Model = tierModel };
        }

        if (ClientFor(request, tier) is var routed && routed != _client)
        {
            var runner = new SequenceRunner(routed, _slicer, _logger, _timeProvider) { RouteClients = [_client, .. RouteClients] };
            await foreach (var frame in runner.RunCoreAsync(request, tier, options, reporter, cancellationToken).ConfigureAwait(false))
            {
                yield return frame;
            }

            yield break;
        }

        var run = await SequenceRun.StartAsync(_client, _slicer is not null, request, tier, options, cancellationToken).ConfigureAwait(false);
        await using var runScope = run.ConfigureAwait(false);
        run.BeginStory();
        var plan = Plan(request, run.Beats.Count);
        var tierPlan = tier == SequenceTier.Preview ? plan.Preview : plan.Final;
        run.Budget = new SequenceBudget(request.BudgetUsd, tierPlan.Calls > 0 ? tierPlan.CostUsd / tierPlan.Calls : 0m);
        run.Reporter = new SequenceReporter(run, _timeProvider, tierPlan);
        reporter?.Value = run.Reporter;
        using var activity = ImageGenTelemetry.Source.StartActivity($"sequence {tier.ToString().ToLowerInvariant()}");
        activity?.SetTag("pikumo.sequence.beats", run.Beats.Count);
        activity?.SetTag("pikumo.sequence.chunks", run.Chunks.Count);
        var resolutions = await RecoverAsync(run, cancellationToken).ConfigureAwait(false);
        run.Reporter.Planned(resolutions);
        run.References = await ReferencesAsync(run, resolutions, cancellationToken).ConfigureAwait(false);
        await foreach (var frame in ChunksAsync(run, resolutions, cancellationToken).ConfigureAwait(false))
        {
            yield return frame;
        }

        run.Reporter.Finished();
    }

    /// <summary>
    /// Before any paid call: settles every unit of the run from the journal (reuse, adopt a complete temporary file,
    /// fetch a fal job by its id, or apply the unknown-outcome policy), then deletes the temporary files left over.
    /// </summary>
    private async Task<IReadOnlyDictionary<JournalKey, Resolution>> RecoverAsync(SequenceRun run, CancellationToken cancellationToken)
    {
        var units = new List<PaidUnit>();
        if (run.Request.References.Count == 0)
        {
            units.AddRange(Enumerable.Range(0, run.Request.ReferencePrompts.Count).Select(i => ReferenceUnit(run, i)));
        }

        for (var k = 0; k < run.Chunks.Count; k++)
        {
            var beats = run.Beats.Skip(run.Chunks[k].Start).Take(run.Chunks[k].Count).ToArray();
            var chunk = k;
            units.AddRange(run.Tier == SequenceTier.Final
                ? beats.Select(b => new PaidUnit(run.FrameKey(b, chunk), $"final/frame-{b + 1:000}", []))
                : [CompositeUnit(run, beats, chunk, [])]);
        }

        var resolved = await Task.WhenAll(units.Select(async u => (u.Key, Resolution: await _calls.ResolveAsync(run, u, cancellationToken).ConfigureAwait(false)))).ConfigureAwait(false);
        var stops = resolved.Where(r => r.Resolution.Kind == ResolutionKind.Stop).ToArray();
        if (stops.Length > 0)
        {
            throw new InvalidOperationException(
                $"UnknownOutcomes = Stop: {string.Join("; ", stops.Select(s => $"{s.Key.Tier} {(s.Key.Beat >= 0 ? $"beat {s.Key.Beat + 1}" : $"chunk {s.Key.Chunk + 1}")}: {s.Resolution.Outcome!.Error}"))}. No call was made; set UnknownOutcomes to Regenerate (may pay twice) or Skip to go on.");
        }

        var deleted = await run.Journal.DeleteTemporaryFilesAsync(cancellationToken).ConfigureAwait(false);
        if (deleted > 0)
        {
            SequenceLog.TemporaryFilesDeleted(_logger, run.Journal.Directory, deleted);
        }

        return resolved.ToDictionary(r => r.Key, r => r.Resolution);
    }
}
