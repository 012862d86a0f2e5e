namespace Pikumo.ImageGen.Transports;

/// <summary>
/// A validated call, ready for a transport to put on the wire. It wraps the caller's request with every value final
/// (<see cref="Request"/>: defaults applied, fields the model does not take removed by policy), the model and prompt as
/// sent, and the images after the pre-flight checks. A <see langword="null"/> field is left off the wire.
/// </summary>
public sealed class ImageTransportRequest
{
    internal ImageTransportRequest(ValidatedImageRequest validated)
    {
        Validated = validated;
    }

    /// <summary>The caller's request with the final values: read a field a transport needs from here.</summary>
    public ImageRequest Request => Validated.Request;

    /// <summary>Edit or generation.</summary>
    public ImageOperation Operation => Validated.IsEdit ? ImageOperation.Edit : ImageOperation.Generate;

    /// <summary>The model id or deployment name to send.</summary>
    public string Model => Validated.Model;

    /// <summary>The capabilities validation used (already narrowed by the transport).</summary>
    public ImageModelCapabilities Capabilities => Validated.Capabilities;

    /// <summary>The prompt text (a spec rendered in the format the model reads).</summary>
    public string Prompt => Validated.Prompt;

    /// <summary>Images to make (<c>n</c>).</summary>
    public int Count => Request.Count;

    /// <summary>Output size.</summary>
    public ImageSize? Size => Request.Size;

    /// <summary>Quality; always set by the client unless the model takes none.</summary>
    public ImageQuality? Quality => Request.Quality;

    /// <summary>Background.</summary>
    public ImageBackground? Background => Request.Background;

    /// <summary>Output format.</summary>
    public ImageFormat? OutputFormat => Request.OutputFormat;

    /// <summary>Output compression 0–100.</summary>
    public int? OutputCompression => Request.OutputCompression;

    /// <summary>Moderation level.</summary>
    public ImageModeration? Moderation => Request.Moderation;

    /// <summary>End-user id.</summary>
    public string? User => Request.User;

    /// <summary>Input fidelity (edits).</summary>
    public InputFidelity? InputFidelity => Validated.InputFidelity;

    /// <summary>Whether to stream (server-sent events).</summary>
    public bool Stream => Validated.Stream;

    /// <summary>Partial images to stream (with <see cref="Stream"/>).</summary>
    public int? PartialImages => Validated.Stream ? Request.PartialImages : null;

    /// <summary>The reference images, in order (edits).</summary>
    public IReadOnlyList<PreparedImage> Images => Validated.Images;

    /// <summary>The mask (edits).</summary>
    public PreparedImage? Mask => Validated.Mask;

    /// <summary>Whether the request body has been handed to the network completely at least once.</summary>
    public bool RequestSent => Signal.Sent;

    /// <summary>The provider's id for the call once it has one (fal's queue <c>request_id</c>), so a timeout can name the job to fetch later.</summary>
    public string? ProviderRequestId => Signal.ProviderRequestId;

    /// <summary>The validated request this call wraps; the field table (<see cref="ImageFields"/>) reads it.</summary>
    internal ValidatedImageRequest Validated { get; }

    /// <summary>The call's sent state, owned by the transport that sends it (<see cref="ImageTransport.MarkRequestSent"/>, or the HTTP bodies).</summary>
    internal Http.SentSignal Signal { get; } = new();

    /// <summary>Whether every image can be sent again (a one-shot stream cannot once it was read).</summary>
    internal bool CanResend => Images.All(i => i.CanReopen) && (Mask?.CanReopen ?? true);

    /// <summary>A fresh call without <c>input_fidelity</c>, not yet sent.</summary>
    internal ImageTransportRequest WithoutInputFidelity() => new(Validated.WithoutInputFidelity());
}
