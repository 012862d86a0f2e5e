using System.Diagnostics.CodeAnalysis;

namespace Pikumo.ImageGen;

/// <summary>
/// An image edit (<c>POST /images/edits</c>): one or more reference images, sent as <c>image[]</c> parts in
/// order, an optional mask and a prompt. The first reference is the one a mask applies to.
/// </summary>
public sealed record ImageEditRequest : ImageRequest
{
    /// <summary>Creates an empty request; set <see cref="ImageRequest.Prompt"/> and <see cref="Images"/>.</summary>
    public ImageEditRequest()
    {
    }

    /// <summary>Creates a request from a prompt and its reference images.</summary>
    /// <param name="prompt">The prompt.</param>
    /// <param name="images">The reference images, in the order the prompt refers to them (image 1 first).</param>
    [SetsRequiredMembers]
    public ImageEditRequest(ImagePrompt prompt, params IReadOnlyList<ImageInput> images)
    {
        Prompt = prompt;
        Images = images;
    }

    /// <summary>The reference images (wire <c>image[]</c>), 1 to the model's limit (16 for GPT image models); PNG, JPEG or WEBP.</summary>
    public required IReadOnlyList<ImageInput> Images { get; init; }

    /// <summary>A PNG whose fully transparent pixels mark where to edit (wire <c>mask</c>); same pixel size as the first image, under 4 MB.</summary>
    public ImageInput? Mask { get; init; }

    private readonly InputFidelity? _inputFidelity;

    /// <summary>How closely to match the references' features (wire <c>input_fidelity</c>); not on gpt-image-1-mini or fal.</summary>
    public InputFidelity? InputFidelity
    {
        get => _inputFidelity;
        init
        {
            _inputFidelity = value;
            InputFidelityIsDefault = false;
        }
    }

    /// <summary>
    /// Whether <see cref="InputFidelity"/> came from a library default (a sequence tier's) rather than the caller: a default
    /// is left off silently where the model or provider does not take it, while a value the caller set goes through
    /// <see cref="ImageGenOptions.UnsupportedParameters"/>. Setting <see cref="InputFidelity"/> clears it.
    /// </summary>
    internal bool InputFidelityIsDefault { get; init; }
}
