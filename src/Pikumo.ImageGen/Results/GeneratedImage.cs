using Pikumo.ImageGen.Internal;

namespace Pikumo.ImageGen;

/// <summary>One image a call returned: its bytes, the format and pixel size read from its header, and its index.</summary>
public sealed class GeneratedImage
{
    private readonly long? _length;

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

    /// <summary>An image written to an <see cref="ImageDestination"/> as it was decoded: no bytes held.</summary>
    internal GeneratedImage(int index, ImageHeader? header, long length, string sha256, string? savedTo, string? revisedPrompt)
    {
        Index = index;
        Header = header;
        _length = length;
        Sha256 = sha256;
        SavedTo = savedTo;
        RevisedPrompt = revisedPrompt;
        IsWrittenToDestination = true;
    }

    /// <summary>The 0-based position in the response.</summary>
    public int Index { get; }

    /// <summary>The encoded image; empty when it went to an <see cref="ImageDestination"/> (<see cref="IsWrittenToDestination"/>).</summary>
    public ReadOnlyMemory<byte> Data { get; }

    /// <summary>Whether the image was written to an <see cref="ImageDestination"/> as it was decoded, so <see cref="Data"/> is empty.</summary>
    public bool IsWrittenToDestination { get; }

    /// <summary>The file the image was written to (<see cref="ImageDestination.ToFiles"/>); otherwise <see langword="null"/>.</summary>
    public string? SavedTo { get; }

    /// <summary>The encoded image's length in bytes (also when it went to a destination).</summary>
    public long Length => _length ?? Data.Length;

    /// <summary>The lowercase hex SHA-256 of the encoded image, computed as it was written to a destination; <see langword="null"/> for an image held in memory.</summary>
    public string? Sha256 { get; }

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
    /// <exception cref="InvalidOperationException">The image went to a destination (<see cref="IsWrittenToDestination"/>).</exception>
    public Stream OpenRead() => new ReadOnlyMemoryStream(Held());

    /// <summary>
    /// Writes the image to a file atomically (a temporary file renamed into place, so no reader sees half an image).
    /// </summary>
    /// <param name="path">The file path; its folder is created if needed.</param>
    /// <param name="overwrite">Whether an existing file may be replaced; by default it is an error.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the file is in place.</returns>
    /// <exception cref="IOException">The file exists and <paramref name="overwrite"/> is false.</exception>
    /// <exception cref="InvalidOperationException">The image went to a destination (<see cref="IsWrittenToDestination"/>).</exception>
    public Task SaveAsync(string path, bool overwrite = false, CancellationToken cancellationToken = default) =>
        AtomicFile.WriteAsync(path, Held(), overwrite, cancellationToken);

    /// <inheritdoc />
    public override string ToString() => $"image {Index}: {Format?.Value ?? "unknown"} {Width}x{Height}, {Length} bytes{(SavedTo is null ? string.Empty : $" in {SavedTo}")}";

    private ReadOnlyMemory<byte> Held() => IsWrittenToDestination
        ? throw new InvalidOperationException($"Image {Index} was written to its destination{(SavedTo is null ? string.Empty : $" ({SavedTo})")} as it was decoded; the client holds no bytes of it.")
        : Data;
}
