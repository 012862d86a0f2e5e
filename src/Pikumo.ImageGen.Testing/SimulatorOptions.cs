namespace Pikumo.ImageGen.Testing;

/// <summary>
/// Settings of an <see cref="ImageGenSimulator"/>: the seed that fixes every image, the latency model and its
/// scale, the credentials it accepts, the Azure deployments it serves and the fal queue's behaviour. Read on
/// every request, so change them before the calls they should affect.
/// </summary>
public sealed class SimulatorOptions
{
    /// <summary>The seed used when none is set: the date of the measurements the latency model comes from.</summary>
    public const ulong DefaultSeed = 20260526;

    /// <summary>The seed every image (and request id) is derived from: the same request and seed give the same image bytes.</summary>
    /// <value>Default <see cref="DefaultSeed"/>.</value>
    public ulong Seed { get; set; } = DefaultSeed;

    /// <summary>The measured latencies the simulator waits (at scale 1).</summary>
    public SimulatorLatency Latency { get; set; } = new();

    /// <summary>
    /// The factor applied to every simulated wait (calls, fal queue time, slow drips are not scaled). 1 waits as
    /// long as the real service (39–48 s a call); 0 answers at once. With a <c>FakeTimeProvider</c> no real time
    /// passes at any scale.
    /// </summary>
    /// <value>Default 0.02: a 2×4 storyboard takes about a second. 0 or more.</value>
    public double LatencyScale { get; set; } = 0.02;

    /// <summary>The OpenAI key accepted as <c>Authorization: Bearer</c>.</summary>
    public string OpenAIApiKey { get; set; } = "simulator-openai-key-0123456789abcdef";

    /// <summary>The Azure OpenAI key accepted as <c>api-key</c> (and, on the v1 route, as <c>Authorization: Bearer</c>).</summary>
    public string AzureApiKey { get; set; } = "simulator-azure-key-0123456789abcdef";

    /// <summary>The Microsoft Entra access token accepted as <c>Authorization: Bearer</c> on both Azure routes.</summary>
    public string AzureAccessToken { get; set; } = "simulator-entra-token-0123456789abcdef";

    /// <summary>The fal key accepted as <c>Authorization: Key …</c>.</summary>
    public string FalApiKey { get; set; } = "simulator-fal-key-id:simulator-fal-key-secret";

    /// <summary>The Gemini key the simulator accepts in <c>x-goog-api-key</c>.</summary>
    public string GeminiApiKey { get; set; } = "simulator-gemini-key-0123456789abcdef";

    /// <summary>
    /// The Azure deployments the simulated resource has, deployment name → model. A request for another
    /// deployment gets Azure's 404 <c>DeploymentNotFound</c>.
    /// </summary>
    /// <value>By default one deployment per GPT image model, named after the model.</value>
    public IDictionary<string, string> AzureDeployments { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["gpt-image-2"] = "gpt-image-2",
        ["gpt-image-1.5"] = "gpt-image-1.5",
        ["gpt-image-1"] = "gpt-image-1",
        ["gpt-image-1-mini"] = "gpt-image-1-mini",
    };

    /// <summary>
    /// Models the simulated service has beyond those the providers' published descriptions name. Requests for the
    /// described GPT image models are judged by the descriptions (OpenAI's OpenAPI schemas, fal's input types), not
    /// by this table, so a mistake in a client's catalog is refused as the real service would; a model only this
    /// table knows is judged by its entry here; a model neither knows gets OpenAI's 404 <c>model_not_found</c>.
    /// </summary>
    /// <value>Default <see cref="ImageModelCatalog.Default"/>.</value>
    public ImageModelCatalog Models { get; set; } = ImageModelCatalog.Default;

    /// <summary>How long a fal job waits <c>IN_QUEUE</c> before it runs (scaled by <see cref="LatencyScale"/>).</summary>
    /// <value>Default 2 s.</value>
    public TimeSpan FalQueueWait { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How many other customers' jobs a new fal job finds ahead of it; <c>queue_position</c> counts down from it (plus this simulator's own earlier jobs still queued).</summary>
    /// <value>Default 2.</value>
    public int FalQueueAhead { get; set; } = 2;

    /// <summary>The most images one fal call may ask for (<c>num_images</c>).</summary>
    /// <value>Default 4.</value>
    public int FalMaxImages { get; set; } = 4;

    /// <summary>
    /// Whether final images carry a marker metadata box (a PNG <c>caBX</c> chunk with a JUMBF-like box labelled
    /// <c>pikumo.simulator.marker</c>; see <see cref="Imaging.ProvenanceMarker"/>), standing in for the C2PA provenance
    /// real providers embed, so a test can prove it survives saving. A marker, not a signed C2PA manifest.
    /// </summary>
    /// <value>Default <see langword="false"/>.</value>
    public bool ProvenanceMarker { get; set; }

    /// <summary>
    /// The share of images (0–1) that drift from their subjects' identity, so tests and samples can show judges, re-rolls and
    /// best-of-n offline. Above 0, every image carries an identity score (<see cref="Imaging.SimulatedIdentity"/>: 0.75–0.99,
    /// or 0.25–0.55 with a red "IDENTITY DRIFT" band when it drifts), which <see cref="SimulatorIdentityJudge"/> reads. Which
    /// images drift follows from the seed, the request, how often the same request came before, and the variant: a re-roll
    /// of a drifted frame draws again.
    /// </summary>
    /// <value>Default 0: no drift, and images carry no score.</value>
    public double DriftShare { get; set; }

    /// <summary>The largest request body the loopback server reads; a larger one is answered 413.</summary>
    /// <value>Default 512 MiB (16 references near the 50 MB limit do not fit; the simulator is for tests).</value>
    public long MaxRequestBodyBytes { get; set; } = 512L * 1024 * 1024;
}
