namespace Pikumo.ImageGen.Http;

/// <summary>What an images response (or one streaming event) said, decoded.</summary>
internal sealed class ImagesPayload
{
    public List<DecodedImage> Images { get; } = [];

    public ImageUsage? Usage { get; set; }

    public long? Created { get; set; }

    public string? Size { get; set; }

    public string? Quality { get; set; }

    public string? Background { get; set; }

    public string? OutputFormat { get; set; }

    /// <summary>Streaming events: the event type (<c>image_edit.partial_image</c>…).</summary>
    public string? Type { get; set; }

    /// <summary>Streaming events: the partial image index.</summary>
    public int? PartialImageIndex { get; set; }

    /// <summary>An <c>error</c> object inside a 200 answer or an SSE <c>error</c> event.</summary>
    public string? ErrorMessage { get; set; }

    public string? ErrorCode { get; set; }

    public string? ErrorType { get; set; }

    public string? ErrorParameter { get; set; }

    public bool HasError => ErrorMessage is not null || ErrorCode is not null || ErrorType is not null;
}

/// <summary>One image of a response: decoded bytes (or a URL) and its revised prompt.</summary>
internal sealed class DecodedImage
{
    public byte[]? Data { get; set; }

    /// <summary>Written to a destination as it was decoded (<see cref="ImagesStreamingReader"/>); <see cref="Data"/> is then empty.</summary>
    public SavedImage? Saved { get; set; }

    public string? Url { get; set; }

    public string? RevisedPrompt { get; set; }
}
