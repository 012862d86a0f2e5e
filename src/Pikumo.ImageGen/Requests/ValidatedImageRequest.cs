namespace Pikumo.ImageGen;

/// <summary>
/// A request after validation: the caller's record with every optional field final (defaults applied, fields the
/// model does not take removed by policy), the model and prompt as sent, and the images read and checked. Transports
/// see it through <see cref="Transports.ImageTransportRequest"/>, which wraps it.
/// </summary>
internal sealed record ValidatedImageRequest
{
    /// <summary>The caller's request with the final field values.</summary>
    public required ImageRequest Request { get; init; }

    /// <summary>The model id or deployment name, as sent.</summary>
    public required string Model { get; init; }

    /// <summary>The prompt text, as sent (a spec rendered in the model's format).</summary>
    public required string Prompt { get; init; }

    /// <summary>The capabilities validation used.</summary>
    public required ImageModelCapabilities Capabilities { get; init; }

    /// <summary>Whether the call streams.</summary>
    public bool Stream { get; init; }

    /// <summary>The reference images, in order (edits).</summary>
    public IReadOnlyList<PreparedImage> Images { get; init; } = [];

    /// <summary>The mask (edits).</summary>
    public PreparedImage? Mask { get; init; }

    /// <summary>Whether it is an edit.</summary>
    public bool IsEdit => Request is ImageEditRequest;

    /// <summary>The input fidelity sent (edits).</summary>
    public InputFidelity? InputFidelity => (Request as ImageEditRequest)?.InputFidelity;

    /// <summary>The same call without <c>input_fidelity</c>.</summary>
    public ValidatedImageRequest WithoutInputFidelity() =>
        Request is ImageEditRequest edit ? this with { Request = edit with { InputFidelity = null } } : this;
}
