namespace Pikumo.ImageGen;

/// <summary>One event of a streaming call: a partial image, or a final image with the call's usage.</summary>
public sealed class ImageStreamUpdate
{
    /// <summary>Creates an update; set <see cref="Kind"/> and <see cref="Image"/>.</summary>
    public ImageStreamUpdate()
    {
    }

    /// <summary>Copies an update, so the client can add what it measured with an object initializer.</summary>
    /// <param name="other">The update to copy.</param>
    [System.Diagnostics.CodeAnalysis.SetsRequiredMembers]
    internal ImageStreamUpdate(ImageStreamUpdate other)
    {
        Kind = other.Kind;
        Image = other.Image;
        PartialImageIndex = other.PartialImageIndex;
        Usage = other.Usage;
        Cost = other.Cost;
        Elapsed = other.Elapsed;
        RequestId = other.RequestId;
    }

    /// <summary>Whether this is a partial or a final image.</summary>
    public required ImageStreamUpdateKind Kind { get; init; }

    /// <summary>The image (partial or final).</summary>
    public required GeneratedImage Image { get; init; }

    /// <summary>For partial images, the 0-based partial index the provider sent.</summary>
    public int? PartialImageIndex { get; init; }

    /// <summary>Usage, on final images.</summary>
    public ImageUsage? Usage { get; init; }

    /// <summary>Cost, on final images (filled by the client).</summary>
    public ImageCost? Cost { get; init; }

    /// <summary>Time since the call started (filled by the client).</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>The provider's request id.</summary>
    public string? RequestId { get; init; }
}
