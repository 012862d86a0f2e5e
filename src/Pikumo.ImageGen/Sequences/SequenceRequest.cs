using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Sequences;

/// <summary>
/// A story: ordered beats for the same subject(s), their identity locks and style (a prompt spec template), and
/// their reference photos. It is rendered in chunks of at most <see cref="ChunkSize"/> beats (the coherence
/// ceiling, 8), and each chunk after the first also carries the last frame of the chunk before it as a
/// continuity reference, after the original photos. Without photos, give <see cref="ReferencePrompts"/>: the
/// references are generated first (<c>/images/generations</c>) and then used like photos.
/// </summary>
public sealed partial record SequenceRequest
{
    /// <summary>Creates a request.</summary>
    /// <param name="template">
    /// Subjects (with one reference image each unless said otherwise), style and constraints; no scene or layout (the
    /// runner sets one per call) and no continuity reference (the runner adds it). It is copied now.
    /// </param>
    /// <param name="beats">The beats, in story order; at least one.</param>
    /// <param name="references">The subjects' reference photos, in the order the template numbers them.</param>
    /// <exception cref="ArgumentException">No beats, a null beat, or a template with a continuity reference.</exception>
    public SequenceRequest(PromptSpecBuilder template, IEnumerable<Scene> beats, IEnumerable<ImageInput>? references = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(beats);
        Template = template.BuildTemplate();
        Beats = [.. beats];
        References = [.. references ?? []];
        if (Beats.Count == 0)
        {
            throw new ArgumentException("A sequence needs at least one beat.", nameof(beats));
        }

        for (var i = 0; i < Beats.Count; i++)
        {
            if (Beats[i] is null)
            {
                throw new ArgumentException($"beats[{i}] is null.", nameof(beats));
            }
        }

        if (Template.Subjects.Count == 0)
        {
            throw new ArgumentException("The template has no subject: add one with AddSubject so frames have someone to keep the same.", nameof(template));
        }

        if (Template.References.Any(r => r.Role == ReferenceRole.Continuity))
        {
            throw new ArgumentException("The template has a continuity reference; the runner adds the previous chunk's last frame itself.", nameof(template));
        }
    }

    /// <summary>The template every call's spec starts from.</summary>
    public PromptSpec Template { get; }

    /// <summary>The beats, in story order.</summary>
    public IReadOnlyList<Scene> Beats { get; }

    /// <summary>The subjects' reference photos, in the template's order.</summary>
    public IReadOnlyList<ImageInput> References { get; }

    /// <summary>
    /// Prompts that generate the references when there are no photos, one per reference image the template declares
    /// (for example a neutral portrait of each subject). Generated once and kept in the run's folder.
    /// </summary>
    public IReadOnlyList<ImagePrompt> ReferencePrompts { get; init; } = [];

    /// <summary>The model; the client's default when <see langword="null"/>.</summary>
    public ImageModel? Model { get; init; }

    /// <summary>The most beats per chunk, 1–8, never above the model's coherence ceiling.</summary>
    /// <value>Default 8.</value>
    public int ChunkSize { get; init; } = 8;

    /// <summary>How many frames of a chunk the final tier renders at once (the client's own limit also applies).</summary>
    /// <value>Default 8.</value>
    public int MaxParallelFrames { get; init; } = 8;

    /// <summary>
    /// How many times one call (a final frame, a preview composite) is tried before it is recorded as failed. Only a
    /// failure that surely did not run is tried again (a rate limit, a 5xx error answer, a connection that never carried
    /// the request); an unknown outcome, an unreadable answer and a refusal (content policy, invalid request) never are.
    /// </summary>
    /// <value>Default 1 (HTTP-level retries already cover transient faults).</value>
    public int FrameAttempts { get; init; } = 1;

    /// <summary>What a run does with a frame whose earlier call may have been billed without giving an image (see <see cref="UnknownOutcomePolicy"/>).</summary>
    /// <value>Default <see cref="UnknownOutcomePolicy.Skip"/>: nothing is paid twice unless asked.</value>
    public UnknownOutcomePolicy UnknownOutcomes { get; init; } = UnknownOutcomePolicy.Skip;

    /// <summary>
    /// The most a run may spend, in USD; unlimited when <see langword="null"/>. A call is not started when its estimated
    /// cost (the plan's per-call figure, or the dearest call of the run so far if higher) would pass what is left after
    /// the calls finished and in flight; its beats are reported <see cref="SequenceFrameStatus.LeftForBudget"/>.
    /// Frames reused from the manifest cost nothing.
    /// </summary>
    public decimal? BudgetUsd { get; init; }

    /// <summary>The preview tier's calls: low quality, a 1536×1024 storyboard canvas (the seed's Mode E).</summary>
    public SequenceTierOptions Preview { get; init; } = new();

    /// <summary>The final tier's calls: high quality 1024×1536 frames.</summary>
    public SequenceTierOptions Final { get; init; } = SequenceTierOptions.FinalDefaults();

    /// <summary>This request with each tier routed as <paramref name="routing"/> chose (<see cref="Planning.SequencePlanner.Route"/>).</summary>
    /// <param name="routing">The planner's choice.</param>
    /// <returns>A copy whose tiers name their provider and model.</returns>
    public SequenceRequest RoutedBy(Planning.SequenceRouting routing)
    {
        ArgumentNullException.ThrowIfNull(routing);
        return this with
        {
            Preview = Preview with { Provider = routing.Preview.Provider, Model = routing.Preview.Model },
            Final = Final with { Provider = routing.Final.Provider, Model = routing.Final.Model },
        };
    }

    /// <summary>The tier's options.</summary>
    internal SequenceTierOptions TierOptions(SequenceTier tier) => tier == SequenceTier.Preview ? Preview : Final;

    /// <summary>
    /// First pixels of every final frame: with 1–3, the final tier makes each frame with a streaming call asking for that
    /// many partial images, and <see cref="SequenceRunOptions.Progress"/> is told each one as it arrives
    /// (<see cref="SequenceProgress.Partial"/>) before the frame lands. OpenAI and Azure stream; fal has no partial
    /// images, so there the frames are made with plain calls and a warning says so. The frames and their cost are the
    /// same either way. The preview tier's composites are never streamed.
    /// </summary>
    /// <value>Default 0: plain calls. 0–3.</value>
    public int PartialImages { get; init; }

    /// <summary>How many reference images every call starts with.</summary>
    public int ReferenceCount => Template.References.Count;
}
