namespace Pikumo.ImageGen;

/// <summary>
/// The outcome of one call: the images, what it cost and how long it took, and where it came from.
/// Transports fill the provider's part; the client adds timing, cost and the names of any parameters its
/// policy left out.
/// </summary>
public sealed partial class ImageResult
{
    /// <summary>Creates an empty result; set <see cref="Images"/> and what the provider reported.</summary>
    public ImageResult()
    {
    }

    /// <summary>Copies a result, so the client can add what it measured with an object initializer.</summary>
    /// <param name="other">The result to copy.</param>
    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    internal ImageResult(ImageResult other)
    {
        Images = other.Images;
        Usage = other.Usage;
        Cost = other.Cost;
        Elapsed = other.Elapsed;
        RequestId = other.RequestId;
        ProcessingTime = other.ProcessingTime;
        Provider = other.Provider;
        Model = other.Model;
        Created = other.Created;
        Size = other.Size;
        Quality = other.Quality;
        Background = other.Background;
        OutputFormat = other.OutputFormat;
        OmittedParameters = other.OmittedParameters;
        Warnings = other.Warnings;
        ProviderMetadata = other.ProviderMetadata;
    }

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

    /// <summary>The size the provider reports (the <c>size</c> echo), if any; the same type as <see cref="ImageRequest.Size"/>.</summary>
    public ImageSize? Size { get; init; }

    /// <summary>The quality the provider reports (the <c>quality</c> echo), if any.</summary>
    public ImageQuality? Quality { get; init; }

    /// <summary>The background the provider reports (the <c>background</c> echo), if any.</summary>
    public ImageBackground? Background { get; init; }

    /// <summary>The output format the provider reports (the <c>output_format</c> echo), if any.</summary>
    public ImageFormat? OutputFormat { get; init; }

    /// <summary>Wire parameters the client left out because the model or provider does not take them and the policy said omit.</summary>
    public IReadOnlyList<string> OmittedParameters { get; init; } = [];

    /// <summary>
    /// What the client noticed about the call and logged as a warning: for example that the provider refused
    /// <c>input_fidelity</c> for the model, so it was left off and the call sent once more, or that a size is experimental.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Provider-specific facts worth keeping, such as fal's <c>response_url</c> to fetch a paid result again.</summary>
    /// <value>A read-only copy of what was set (keys compared ordinally), so no one holding the result can change it.</value>
    public IReadOnlyDictionary<string, string> ProviderMetadata
    {
        get;
        init => field = value is System.Collections.ObjectModel.ReadOnlyDictionary<string, string> frozen
            ? frozen
            : new Dictionary<string, string>(value ?? throw new ArgumentNullException(nameof(value)), StringComparer.Ordinal).AsReadOnly();
    } = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;

    /// <inheritdoc />
    public override string ToString() =>
        $"ImageResult {{ Images = {Images.Count}, Provider = {Provider}, Model = {Model}, RequestId = {RequestId}, Cost = {Cost}, Elapsed = {Elapsed} }}";
}
