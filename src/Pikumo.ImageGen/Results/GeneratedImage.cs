using Pikumo.ImageGen.Internal;

namespace Pikumo.ImageGen;

/// <summary>One image a call returned: its bytes, the format and pixel size read from its header, and its index.</summary>
public sealed class GeneratedImage
{
    /// <summary>Creates an image (transports and tests).</summary>
    /// <param name="index">The 0-based position in the response.</param>
    /// <param name="data">The encoded bytes.</param>
    /// <param name="revisedPrompt">The prompt the provider says it used, if any.</param>
    /// <param name="sourceUrl">Where the bytes were downloaded from (fal), if anywhere.</param>
    public GeneratedImage(int index, ReadOnlyMemory<byte> data, string? revisedPrompt = null, string? sourceUrl = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        Index = index;
        Data = data;
        RevisedPrompt = revisedPrompt;
        SourceUrl = sourceUrl;
        if (ImageHeader.TryRead(data.Span[..Math.Min(data.Length, ImagePreparation.ProbeBytes)], out var header))
        {
            Header = header;
        }
    }

    /// <summary>The 0-based position in the response.</summary>
    public int Index { get; }

    /// <summary>The encoded image.</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>The header read from the bytes; <see langword="null"/> when they are not PNG, JPEG or WEBP.</summary>
    public ImageHeader? Header { get; }

    /// <summary>The format sniffed from the bytes, or <see langword="null"/> when unrecognised.</summary>
    public ImageFormat? Format => Header?.Format;

    /// <summary>Width in pixels (0 when unknown).</summary>
    public int Width => Header?.Width ?? 0;

    /// <summary>Height in pixels (0 when unknown).</summary>
    public int Height => Header?.Height ?? 0;

    /// <summary>The prompt the provider says it used (dall-e-3 era field; usually absent).</summary>
    public string? RevisedPrompt { get; }

    /// <summary>The URL the bytes were downloaded from (fal), for provenance.</summary>
    public string? SourceUrl { get; }

    /// <summary>A file extension matching the bytes (<c>.png</c>, <c>.jpg</c>, <c>.webp</c>; <c>.bin</c> when unknown).</summary>
    public string FileExtension => Format?.FileExtension ?? ".bin";

    /// <summary>Opens the bytes as a read-only stream.</summary>
    /// <returns>The stream.</returns>
    public Stream OpenRead() => new ReadOnlyMemoryStream(Data);

    /// <summary>
    /// Writes the image to a file atomically (a temporary file renamed into place, so no reader sees half an image).
    /// </summary>
    /// <param name="path">The file path; its folder is created if needed.</param>
    /// <param name="overwrite">Whether an existing file may be replaced; by default it is an error.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false.</exception>
    public Task SaveAsync(string path, bool overwrite = false, CancellationToken cancellationToken = default) =>
        AtomicFile.WriteAsync(path, Data, overwrite, cancellationToken);

    /// <inheritdoc />
    public override string ToString() => $"image {Index}: {Format?.Value ?? "unknown"} {Width}x{Height}, {Data.Length} bytes";
}
