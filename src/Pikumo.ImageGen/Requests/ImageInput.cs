using Pikumo.ImageGen.Internal;

namespace Pikumo.ImageGen;

/// <summary>
/// A reference image (or mask) to send: a file, a stream or bytes. Nothing is read when it is created;
/// before the call the library sniffs the format from the magic bytes and checks size and completeness,
/// and during the call files and streams are copied straight into the request body, never held whole in memory.
/// </summary>
public sealed class ImageInput
{
    private readonly string? _path;
    private readonly Stream? _stream;
    private readonly long _streamStart;
    private readonly ReadOnlyMemory<byte> _bytes;

    private ImageInput(string? path, Stream? stream, ReadOnlyMemory<byte> bytes, string? fileName)
    {
        _path = path;
        _stream = stream;
        _bytes = bytes;
        _streamStart = stream is { CanSeek: true } ? stream.Position : 0;
        FileName = fileName;
    }

    /// <summary>The original file name, if known; informational only (the content type never comes from it).</summary>
    public string? FileName { get; }

    /// <summary>Where the bytes come from.</summary>
    internal ImageInputKind Kind => _path is not null ? ImageInputKind.File : _stream is not null ? ImageInputKind.Stream : ImageInputKind.Bytes;

    /// <summary>
    /// The length in bytes when it is known before reading: files, bytes and seekable streams
    /// (from the current position); <see langword="null"/> for non-seekable streams.
    /// </summary>
    public long? Length => Kind switch
    {
        ImageInputKind.File => File.Exists(_path) ? new FileInfo(_path!).Length : null,
        ImageInputKind.Stream => _stream!.CanSeek ? _stream.Length - _streamStart : null,
        _ => _bytes.Length,
    };

    /// <summary>An image file on disk. The file is opened when the request is sent (and again on a retry).</summary>
    /// <param name="path">The file's path.</param>
    /// <returns>The input.</returns>
    /// <exception cref="ArgumentException">The path is empty, does not exist or is a directory.</exception>
    public static ImageInput FromFile(string path)
    {
        Guard.NotNullOrWhiteSpace(path);
        if (Directory.Exists(path))
        {
            throw new ArgumentException($"'{path}' is a directory, not an image file.", nameof(path));
        }

        if (!File.Exists(path))
        {
            throw new ArgumentException($"The image file '{path}' does not exist.", nameof(path));
        }

        return new ImageInput(Path.GetFullPath(path), null, default, Path.GetFileName(path));
    }

    /// <summary>
    /// An image read from a stream the caller owns (it is not disposed). A seekable stream is read from its
    /// current position and can be sent again on a retry; a non-seekable stream can be sent once.
    /// </summary>
    /// <param name="stream">A readable stream.</param>
    /// <param name="fileName">An optional original file name (informational).</param>
    /// <returns>The input.</returns>
    public static ImageInput FromStream(Stream stream, string? fileName = null)
    {
        Guard.NotNull(stream);
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream is not readable.", nameof(stream));
        }

        return new ImageInput(null, stream, default, fileName);
    }

    /// <summary>An image held in memory. The memory is not copied: do not change it until the call ends.</summary>
    /// <param name="bytes">The encoded image (PNG, JPEG or WEBP).</param>
    /// <param name="fileName">An optional original file name (informational).</param>
    /// <returns>The input.</returns>
    public static ImageInput FromBytes(ReadOnlyMemory<byte> bytes, string? fileName = null) => new(null, null, bytes, fileName);

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        ImageInputKind.File => $"file '{_path}'",
        ImageInputKind.Stream => $"stream{(FileName is null ? string.Empty : $" '{FileName}'")}",
        _ => $"{_bytes.Length} bytes{(FileName is null ? string.Empty : $" '{FileName}'")}",
    };

    internal ReadOnlyMemory<byte> Bytes => _bytes;

    internal string? FilePath => _path;

    internal Stream? SourceStream => _stream;

    internal long StreamStart => _streamStart;
}
