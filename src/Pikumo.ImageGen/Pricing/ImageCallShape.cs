namespace Pikumo.ImageGen;

/// <summary>
/// What one call asks for, as far as its cost and its time go: images, size, quality, reference images and their
/// fidelity, prompt length, partial images and composite panels. The planner builds one per planned call, the client
/// one per sent call (to estimate cost when the provider reports no usage), and the simulator one per received call
/// (to make up usage and latency), so all three price and time a call the same way.
/// </summary>
public sealed record ImageCallShape
{
    /// <summary>Images asked for (<c>n</c>, fal's <c>num_images</c>).</summary>
    /// <value>Default 1.</value>
    public int Count { get; init; } = 1;

    /// <summary>The output size; <see cref="ImageSize.Auto"/> counts as 1024×1024.</summary>
    public ImageSize Size { get; init; } = ImageSize.Square1024;

    /// <summary>The quality; <c>auto</c> (and any value the token model does not know) counts as <c>medium</c>.</summary>
    public ImageQuality Quality { get; init; } = ImageQuality.Medium;

    /// <summary>Reference images sent (<c>image[]</c>, <c>image_urls</c>); 0 for a generation.</summary>
    public int References { get; init; }

    /// <summary>
    /// The pixels of all reference images together, when known (per-megapixel prices count them); <see langword="null"/>
    /// counts each reference as 1024×1024.
    /// </summary>
    public long? ReferencePixels { get; init; }

    /// <summary>The input fidelity sent; <see langword="null"/> when the field is not sent (the model's default applies).</summary>
    public InputFidelity? InputFidelity { get; init; }

    /// <summary>Characters of the prompt text.</summary>
    public int PromptCharacters { get; init; }

    /// <summary>Partial images streamed per image (0 when not streaming).</summary>
    public int PartialImages { get; init; }

    /// <summary>Panels of the prompt's composite layout; 1 for a single scene. Only the time depends on it.</summary>
    /// <value>Default 1.</value>
    public int Panels { get; init; } = 1;

    /// <summary>The shape of a request as the client would send it.</summary>
    /// <param name="request">The request.</param>
    /// <param name="defaultQuality">The quality sent when the request sets none (the client's <c>DefaultQuality</c>).</param>
    /// <returns>The shape.</returns>
    public static ImageCallShape Of(ImageRequest request, ImageQuality? defaultQuality = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        var edit = request as ImageEditRequest;
        return new ImageCallShape
        {
            Count = request.Count,
            Size = request.Size ?? (request.Prompt.Spec is { Layout: { } layout } ? layout.Canvas : ImageSize.Auto),
            Quality = request.Quality ?? defaultQuality ?? ImageQuality.Auto,
            References = edit?.Images.Count ?? 0,
            InputFidelity = edit?.InputFidelity,
            PromptCharacters = request.Prompt.Text?.Length ?? 0,
            PartialImages = request.PartialImages ?? 0,
            Panels = request.Prompt.Spec is { Layout: { } grid } ? grid.Rows * grid.Columns : 1,
        };
    }
}
