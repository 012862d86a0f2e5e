namespace Pikumo.ImageGen.Transports;

/// <summary>
/// A validated call, ready for a transport to put on the wire: every value is final (defaults applied,
/// fields the model does not take removed by policy), and the images have passed the pre-flight checks.
/// A <see langword="null"/> field is left off the wire.
/// </summary>
public sealed class ImageTransportRequest
{
    private int _requestSent;
    private string? _providerRequestId;

    /// <summary>Edit or generation.</summary>
    public required ImageOperation Operation { get; init; }

    /// <summary>The model id or deployment name to send.</summary>
    public required string Model { get; init; }

    /// <summary>The capabilities validation used (already narrowed by the transport).</summary>
    public required ImageModelCapabilities Capabilities { get; init; }

    /// <summary>The prompt text.</summary>
    public required string Prompt { get; init; }

    /// <summary>Images to make (<c>n</c>).</summary>
    public int Count { get; init; } = 1;

    /// <summary>Output size.</summary>
    public ImageSize? Size { get; init; }

    /// <summary>Quality; always set by the client.</summary>
    public ImageQuality? Quality { get; init; }

    /// <summary>Background.</summary>
    public ImageBackground? Background { get; init; }

    /// <summary>Output format.</summary>
    public ImageFormat? OutputFormat { get; init; }

    /// <summary>Output compression 0–100.</summary>
    public int? OutputCompression { get; init; }

    /// <summary>Moderation level.</summary>
    public ImageModeration? Moderation { get; init; }

    /// <summary>End-user id.</summary>
    public string? User { get; init; }

    /// <summary>Input fidelity (edits).</summary>
    public InputFidelity? InputFidelity { get; init; }

    /// <summary>Whether to stream (server-sent events).</summary>
    public bool Stream { get; init; }

    /// <summary>Partial images to stream (with <see cref="Stream"/>).</summary>
    public int? PartialImages { get; init; }

    /// <summary>The seed (fal <c>seed</c>).</summary>
    public long? Seed { get; init; }

    /// <summary>The guidance scale (fal <c>guidance_scale</c>).</summary>
    public double? GuidanceScale { get; init; }

    /// <summary>Raw body fields, written as they are (JSON-bodied providers).</summary>
    public IReadOnlyDictionary<string, System.Text.Json.Nodes.JsonNode?>? ExtraFields { get; init; }

    /// <summary>The reference images, in order (edits).</summary>
    public IReadOnlyList<PreparedImage> Images { get; init; } = [];

    /// <summary>The mask (edits).</summary>
    public PreparedImage? Mask { get; init; }

    /// <summary>Whether the request body has been handed to the network completely at least once.</summary>
    public bool RequestSent => Volatile.Read(ref _requestSent) != 0;

    /// <summary>Whether every image can be sent again (a one-shot stream cannot once it was read).</summary>
    internal bool CanResend => Images.All(i => i.CanReopen) && (Mask?.CanReopen ?? true);

    /// <summary>A fresh copy without <c>input_fidelity</c>, not yet sent.</summary>
    internal ImageTransportRequest WithoutInputFidelity() => new()
    {
        Operation = Operation,
        Model = Model,
        Capabilities = Capabilities,
        Prompt = Prompt,
        Count = Count,
        Size = Size,
        Quality = Quality,
        Background = Background,
        OutputFormat = OutputFormat,
        OutputCompression = OutputCompression,
        Moderation = Moderation,
        User = User,
        InputFidelity = null,
        Stream = Stream,
        PartialImages = PartialImages,
        Seed = Seed,
        GuidanceScale = GuidanceScale,
        ExtraFields = ExtraFields,
        Images = Images,
        Mask = Mask,
    };

    /// <summary>The provider's id for the call once it has one (fal's queue <c>request_id</c>), so a timeout can name the job to fetch later.</summary>
    public string? ProviderRequestId => Volatile.Read(ref _providerRequestId);

    /// <summary>
    /// Records that the body went out completely: from then on a failure without an answer leaves the outcome
    /// unknown (the provider may have run and billed the call). Transports call it when the body is written.
    /// </summary>
    /// <param name="providerRequestId">The provider's id for the call, when it is known (a queue submission's id).</param>
    public void MarkRequestSent(string? providerRequestId = null)
    {
        Volatile.Write(ref _requestSent, 1);
        if (providerRequestId is not null)
        {
            Volatile.Write(ref _providerRequestId, providerRequestId);
        }

        Internal.ImageCallObserver.Sent(providerRequestId);
    }
}
