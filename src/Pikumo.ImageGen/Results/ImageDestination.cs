using System.Buffers;
using System.Globalization;

namespace Pikumo.ImageGen;

/// <summary>
/// Where a call's images go while its answer is read (save as you decode): each image's base64 is decoded in slices
/// as it arrives and written straight here, so a call holds a few tens of kilobytes instead of its decoded images.
/// Pass one to <see cref="ImageGenClient.EditAsync(ImageEditRequest, ImageDestination, CancellationToken)"/> or
/// <see cref="ImageGenClient.GenerateAsync(ImageGenerateRequest, ImageDestination, CancellationToken)"/>; the result's
/// images then carry no bytes (<see cref="GeneratedImage.Data"/> is empty) but their format, size, length and SHA-256.
/// OpenAI and Azure answers are decoded as they stream; on other providers (fal downloads its images) the images are
/// written here once they have arrived.
/// </summary>
public abstract class ImageDestination
{
    private protected ImageDestination()
    {
    }

    /// <summary>
    /// Files named by a pattern: <c>{index}</c> becomes the image's 0-based index and <c>{ext}</c> its extension from
    /// the bytes (<c>.png</c>, <c>.jpg</c>, <c>.webp</c>), for example <c>out/frame-{index}{ext}</c>. Each file is written
    /// atomically (a temporary file in the same folder, flushed and renamed into place), so no reader sees half an
    /// image and a failed call leaves no file; the folder is created if needed.
    /// </summary>
    /// <param name="pathPattern">The path pattern; it must contain <c>{index}</c> when a call asks for more than one image.</param>
    /// <param name="overwrite">Whether an existing file may be replaced; by default the image fails with <see cref="IOException"/> and its temporary file is removed.</param>
    /// <returns>The destination.</returns>
    /// <exception cref="ArgumentException"><paramref name="pathPattern"/> is empty, or has <c>{ext}</c> or <c>{index}</c> in a folder name.</exception>
    public static ImageDestination ToFiles(string pathPattern, bool overwrite = false)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(pathPattern);
        var folder = Path.GetDirectoryName(pathPattern) ?? string.Empty;
        if (folder.Contains("{ext}", StringComparison.Ordinal) || folder.Contains("{index}", StringComparison.Ordinal) || Path.GetFileName(pathPattern).Length == 0)
        {
            throw new ArgumentException($"'{pathPattern}' must name a file; {{index}} and {{ext}} may appear only in the file name.", nameof(pathPattern));
        }

        return new FileDestination(pathPattern, overwrite);
    }

    /// <summary>A stream per image, which the library writes and flushes and the caller disposes.</summary>
    /// <param name="openStream">Gives the stream for an image's 0-based index; called when the image starts to arrive.</param>
    /// <returns>The destination.</returns>
    public static ImageDestination ToStreams(Func<int, Stream> openStream)
    {
        ArgumentNullException.ThrowIfNull(openStream);
        return new StreamDestination(openStream);
    }

    /// <summary>An <see cref="IBufferWriter{T}"/> per image (a pooled buffer, a pipe's writer).</summary>
    /// <param name="writerFor">Gives the writer for an image's 0-based index; called when the image starts to arrive.</param>
    /// <returns>The destination.</returns>
    public static ImageDestination ToBufferWriters(Func<int, IBufferWriter<byte>> writerFor)
    {
        ArgumentNullException.ThrowIfNull(writerFor);
        return new BufferWriterDestination(writerFor);
    }

    /// <summary>Checks, before any call is made, that a call of <paramref name="count"/> images can be written here.</summary>
    internal virtual void Check(int count, string paramName)
    {
    }

    /// <summary>Opens the place an image goes.</summary>
    internal abstract ImageSink Open(int index);

    private sealed class FileDestination(string pattern, bool overwrite) : ImageDestination
    {
        internal override void Check(int count, string paramName)
        {
            if (count > 1 && !pattern.Contains("{index}", StringComparison.Ordinal))
            {
                throw new ArgumentException($"The call asks for {count} images, so the path pattern '{pattern}' must contain {{index}}.", paramName);
            }
        }

        internal override ImageSink Open(int index)
        {
            var path = Path.GetFullPath(pattern.Replace("{index}", index.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal));
            var folder = Path.GetDirectoryName(path)!;
            Directory.CreateDirectory(folder);
            var temp = Path.Combine(folder, $".{Path.GetFileName(path).Replace("{ext}", string.Empty, StringComparison.Ordinal)}.{Guid.NewGuid():N}.tmp");
            return new FileSink(path, temp, overwrite);
        }
    }

    private sealed class StreamDestination(Func<int, Stream> open) : ImageDestination
    {
        internal override ImageSink Open(int index) => new StreamSink(open(index) ?? throw new InvalidOperationException($"The destination gave no stream for image {index}."));
    }

    private sealed class BufferWriterDestination(Func<int, IBufferWriter<byte>> writerFor) : ImageDestination
    {
        internal override ImageSink Open(int index) => new BufferWriterSink(writerFor(index) ?? throw new InvalidOperationException($"The destination gave no buffer writer for image {index}."));
    }
}

/// <summary>Where one image's bytes go: written in order, then completed (a file is renamed into place) or abandoned.</summary>
internal abstract class ImageSink : IAsyncDisposable
{
    public abstract ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);

    /// <summary>Finishes the image; returns the file it is in, when it is a file.</summary>
    public abstract ValueTask<string?> CompleteAsync(ImageFormat? format, CancellationToken cancellationToken);

    /// <summary>Abandons an image that was not completed (a temporary file is deleted).</summary>
    public abstract ValueTask DisposeAsync();
}

internal sealed class FileSink(string path, string temp, bool overwrite) : ImageSink
{
    private FileStream? _stream = new(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
    private bool _completed;

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) => _stream!.WriteAsync(data, cancellationToken);

    public override async ValueTask<string?> CompleteAsync(ImageFormat? format, CancellationToken cancellationToken)
    {
        var final = path.Replace("{ext}", format?.FileExtension ?? ".bin", StringComparison.Ordinal);
        _stream!.Flush(flushToDisk: true);
        await _stream.DisposeAsync().ConfigureAwait(false);
        _stream = null;
        if (!overwrite && File.Exists(final))
        {
            throw new IOException($"'{final}' already exists; pass overwrite: true to ImageDestination.ToFiles to replace it.");
        }

        // On Unix, a move without overwrite links then unlinks, so a file that appeared meanwhile is not replaced.
        File.Move(temp, final, overwrite);
        _completed = true;
        return final;
    }

    public override async ValueTask DisposeAsync()
    {
        if (_stream is not null)
        {
            await _stream.DisposeAsync().ConfigureAwait(false);
            _stream = null;
        }

        if (!_completed)
        {
            try
            {
                File.Delete(temp);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
            }
        }
    }
}

internal sealed class StreamSink(Stream stream) : ImageSink
{
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken) => stream.WriteAsync(data, cancellationToken);

    public override async ValueTask<string?> CompleteAsync(ImageFormat? format, CancellationToken cancellationToken)
    {
        await stream.FlushAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;   // the caller's stream
}

internal sealed class BufferWriterSink(IBufferWriter<byte> writer) : ImageSink
{
    public override ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        writer.Write(data.Span);
        return ValueTask.CompletedTask;
    }

    public override ValueTask<string?> CompleteAsync(ImageFormat? format, CancellationToken cancellationToken) => ValueTask.FromResult<string?>(null);

    public override ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
