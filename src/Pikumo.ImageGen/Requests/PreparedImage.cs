using Pikumo.ImageGen.Internal;

namespace Pikumo.ImageGen;

/// <summary>
/// A reference image or mask after the pre-flight checks: its format comes from the magic bytes, its size and
/// completeness are known where the source allows, and it carries the file name the wire part will use.
/// Transports read it with <see cref="OpenReadAsync"/>, once per attempt.
/// </summary>
public sealed class PreparedImage
{
    private readonly ImageInput _source;
    private readonly byte[]? _prefix;
    private readonly long _maxBytes;
    private readonly string _parameterName;
    private int _oneShotOpened;

    internal PreparedImage(ImageInput source, ImageHeader header, long? length, string fileName, byte[]? prefix, long maxBytes, string parameterName)
    {
        _source = source;
        Header = header;
        Length = length;
        FileName = fileName;
        _prefix = prefix;
        _maxBytes = maxBytes;
        _parameterName = parameterName;
    }

    /// <summary>Format, pixel size and alpha as read from the header.</summary>
    public ImageHeader Header { get; }

    /// <summary>The format sniffed from the magic bytes.</summary>
    public ImageFormat Format => Header.Format;

    /// <summary>The media type sent with the part, for example <c>image/png</c>.</summary>
    public string MediaType => Format.MediaType;

    /// <summary>The file name sent with the part; its extension matches the sniffed format (for example <c>image-1.png</c>).</summary>
    public string FileName { get; }

    /// <summary>The length in bytes, or <see langword="null"/> for a non-seekable stream.</summary>
    public long? Length { get; }

    /// <summary>
    /// Whether the bytes can be read again (for a retry): true for files, bytes and seekable streams; false for
    /// a non-seekable stream once it has been opened.
    /// </summary>
    public bool CanReopen => _prefix is null || Volatile.Read(ref _oneShotOpened) == 0;

    /// <summary>What the image came from.</summary>
    internal ImageInput Source => _source;

    /// <summary>
    /// Opens the image's bytes from the start. Dispose the stream when done; a caller-owned source stream is not
    /// disposed. Reading beyond the model's size limit throws an <see cref="ArgumentException"/>.
    /// </summary>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>A stream of the image's bytes.</returns>
    /// <exception cref="InvalidOperationException">A non-seekable stream was already sent once.</exception>
    public ValueTask<Stream> OpenReadAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Stream stream;
        switch (_source.Kind)
        {
            case ImageInputKind.Bytes:
                return ValueTask.FromResult<Stream>(new ReadOnlyMemoryStream(_source.Bytes));
            case ImageInputKind.File:
                stream = new FileStream(_source.FilePath!, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
                return ValueTask.FromResult<Stream>(new LimitedReadStream(stream, null, ownsInner: true, _maxBytes, _parameterName));
            default:
                var source = _source.SourceStream!;
                if (_prefix is null)
                {
                    source.Position = _source.StreamStart;
                    return ValueTask.FromResult<Stream>(new LimitedReadStream(source, null, ownsInner: false, _maxBytes, _parameterName));
                }

                if (Interlocked.Exchange(ref _oneShotOpened, 1) != 0)
                {
                    throw new InvalidOperationException(
                        $"{_parameterName} is a non-seekable stream that was already sent once; it cannot be sent again (for example on a retry). Use a file, bytes or a seekable stream to allow retries.");
                }

                return ValueTask.FromResult<Stream>(new LimitedReadStream(source, _prefix, ownsInner: false, _maxBytes, _parameterName));
        }
    }

    /// <summary>Reads the whole image into memory; for transports that must inline it (fal data URIs).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The bytes.</returns>
    public async ValueTask<ReadOnlyMemory<byte>> ReadAllBytesAsync(CancellationToken cancellationToken = default)
    {
        if (_source.Kind == ImageInputKind.Bytes)
        {
            return _source.Bytes;
        }

        var stream = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var buffer = new MemoryStream(Length is { } l ? (int)Math.Min(l, int.MaxValue) : 64 * 1024);
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        }
    }
}
