namespace Pikumo.ImageGen.Transports.Fal;

/// <summary>Settings for fal.ai.</summary>
public sealed class FalProviderOptions : ICopyableOptions
{
    /// <summary>The key, sent as <c>Authorization: Key …</c>. Falls back to <c>FAL_KEY</c> (or <c>FAL_KEY_ID:FAL_KEY_SECRET</c>). Never logged.</summary>
    public string? ApiKey { get; set; }

    /// <summary>The endpoint id for edits.</summary>
    /// <value>Default <c>openai/gpt-image-2/edit</c>.</value>
    public string EditEndpoint { get; set; } = "openai/gpt-image-2/edit";

    /// <summary>The endpoint id for text-to-image.</summary>
    /// <value>Default <c>openai/gpt-image-2</c>.</value>
    public string GenerateEndpoint { get; set; } = "openai/gpt-image-2";

    /// <summary>The model the endpoints serve, for capabilities and prices.</summary>
    /// <value>Default <c>gpt-image-2</c>.</value>
    public string Model { get; set; } = "gpt-image-2";

    /// <summary>Whether calls go through the queue (submit, poll, fetch; durable and cancellable) rather than the sync route.</summary>
    /// <value>Default <see langword="true"/>.</value>
    public bool UseQueue { get; set; } = true;

    /// <summary>The queue host.</summary>
    public Uri QueueBaseAddress { get; set; } = new("https://queue.fal.run/");

    /// <summary>The sync host.</summary>
    public Uri SyncBaseAddress { get; set; } = new("https://fal.run/");

    /// <summary>The REST host (storage uploads).</summary>
    public Uri RestBaseAddress { get; set; } = new("https://rest.fal.ai/");

    /// <summary>The host of fal's platform API, where a lost submission is looked up in the account's request history.</summary>
    /// <value>Default <c>https://api.fal.ai/v1/</c>.</value>
    public Uri PlatformBaseAddress { get; set; } = new("https://api.fal.ai/v1/");

    /// <summary>
    /// How long after a queue submission whose job id never reached the sequence journal (the process died between
    /// fal accepting it and the id being written) a resumed run keeps looking for it in fal's request history
    /// (<c>GET /models/requests/by-endpoint</c>, matched by the prompt's SHA-256) before treating it as an unknown
    /// outcome. Found, it is fetched by its id instead of paid again. The history lists finished requests, so a job
    /// still running is found once it ends. <see cref="TimeSpan.Zero"/> looks once and never waits; the search needs
    /// <see cref="StoreIO"/>, because without it fal keeps no inputs to match.
    /// </summary>
    /// <value>Default 5 minutes, about the longest a high-quality gpt-image-2 edit runs.</value>
    public TimeSpan LostSubmissionSearch { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The first wait between status polls; it doubles up to <see cref="MaxPollInterval"/>.</summary>
    /// <value>Default 500 ms.</value>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between status polls.</summary>
    /// <value>Default 5 s.</value>
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Reference images up to this size go inline as <c>data:</c> URIs; larger ones are uploaded to fal's CDN first.</summary>
    /// <value>Default 10 MiB.</value>
    public long InlineImageLimitBytes { get; set; } = 10L * 1024 * 1024;

    /// <summary>The largest result image downloaded; a larger one is cut off with an error.</summary>
    /// <value>Default 64 MiB.</value>
    public long MaxDownloadBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>The time limit for downloading one result image.</summary>
    /// <value>Default 2 minutes.</value>
    public TimeSpan DownloadTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Hosts result images may also be downloaded from over plain http, loopback or private addresses. Empty in
    /// production: only public https URLs are fetched. The simulator adds its own loopback host here.
    /// </summary>
    public IList<string> TrustedDownloadHosts { get; private set; } = [];

    /// <summary>Whether fal may keep the request's input and output in its history (<c>X-Fal-Store-IO</c>).</summary>
    /// <value>Default <see langword="true"/>; false sends <c>X-Fal-Store-IO: 0</c>.</value>
    public bool StoreIO { get; set; } = true;

    /// <inheritdoc />
    public override string ToString() =>
        $"Fal {{ EditEndpoint = {EditEndpoint}, GenerateEndpoint = {GenerateEndpoint}, UseQueue = {UseQueue}, ApiKey = {Secrets.Describe(ApiKey)} }}";

    /// <inheritdoc />
    object ICopyableOptions.CopyOptions()
    {
        var copy = (FalProviderOptions)MemberwiseClone();
        copy.TrustedDownloadHosts = [.. TrustedDownloadHosts];
        return copy;
    }
}
