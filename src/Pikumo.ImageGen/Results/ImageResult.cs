namespace Pikumo.ImageGen;

/// <summary>
/// The outcome of one call: the images, what it cost and how long it took, and where it came from.
/// Transports fill the provider's part; the client adds timing, cost and the names of any parameters its
/// policy left out.
/// </summary>
public sealed partial record ImageResult
{
    /// <summary>The images, in the provider's order.</summary>
    public required IReadOnlyList<GeneratedImage> Images { get; init; }

    /// <summary>Token usage, when the provider reports it.</summary>
    public ImageUsage? Usage { get; init; }

    /// <summary>The cost in US dollars from the price table; <see langword="null"/> when the table has no price for the model.</summary>
    public ImageCost? Cost { get; init; }

    /// <summary>Wall-clock time of the whole call, retries and downloads included.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The provider's request id (<c>x-request-id</c>, Azure <c>apim-request-id</c>, fal <c>request_id</c>): quote it to support.</summary>
    public string? RequestId { get; init; }

    /// <summary>The provider's own processing time (<c>openai-processing-ms</c>), when sent.</summary>
    public TimeSpan? ProcessingTime { get; init; }

    /// <summary>The provider that served the call (<c>openai</c>, <c>azure.ai.openai</c>, <c>fal</c>, or a custom transport's name).</summary>
    public string Provider { get; init; } = string.Empty;

    /// <summary>The model (or deployment) the call asked for.</summary>
    public string Model { get; init; } = string.Empty;

    /// <summary>When the provider says the images were created.</summary>
    public DateTimeOffset? Created { get; init; }

    /// <summary>The size the provider reports (<c>size</c> echo), if any.</summary>
    public string? Size { get; init; }

    /// <summary>The quality the provider reports, if any.</summary>
    public string? Quality { get; init; }

    /// <summary>The background the provider reports, if any.</summary>
    public string? Background { get; init; }

    /// <summary>The output format the provider reports, if any.</summary>
    public string? OutputFormat { get; init; }

    /// <summary>Wire parameters the client left out because the model or provider does not take them and the policy said omit.</summary>
    public IReadOnlyList<string> OmittedParameters { get; init; } = [];

    /// <summary>Provider-specific facts worth keeping, such as fal's <c>response_url</c> to fetch a paid result again.</summary>
    public IReadOnlyDictionary<string, string> ProviderMetadata { get; init; } = new Dictionary<string, string>();
}
