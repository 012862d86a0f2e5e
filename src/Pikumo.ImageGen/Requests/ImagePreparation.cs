using System.Buffers;
using System.Globalization;

namespace Pikumo.ImageGen;

/// <summary>The pre-flight read of a reference image: magic bytes, header, length and completeness.</summary>
internal static class ImagePreparation
{
    /// <summary>Bytes read from the start: enough for every PNG/WEBP header and nearly every JPEG frame header.</summary>
    internal const int ProbeBytes = 64 * 1024;

    private const int TailBytes = 1024;

    public static async ValueTask<PreparedImage> PrepareAsync(
        ImageInput input, string parameterName, string fileNameStem, long maxBytes, CancellationToken cancellationToken)
    {
        if (input is null)
        {
            throw new ArgumentNullException(parameterName, $"{parameterName} is null.");
        }

        // In-memory bytes are probed where they are (no copy per call); files and streams are read into arrays.
        ReadOnlyMemory<byte> head;
        ReadOnlyMemory<byte>? tail;
        long? length;
        byte[]? oneShotPrefix = null;
        byte[]? rented = null;
        try
        {
            switch (input.Kind)
            {
                case ImageInputKind.Bytes:
                    var bytes = input.Bytes;
                    length = bytes.Length;
                    head = bytes[..Math.Min(bytes.Length, ProbeBytes)];
                    tail = bytes[Math.Max(0, bytes.Length - TailBytes)..];
                    break;

                case ImageInputKind.File:
                    var path = input.FilePath!;
                    if (Directory.Exists(path) || !File.Exists(path))
                    {
                        throw new ArgumentException($"{parameterName}: the image file '{path}' does not exist.", parameterName);
                    }

                    var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.Asynchronous);
                    await using (file.ConfigureAwait(false))
                    {
                        length = file.Length;
                        rented = ArrayPool<byte>.Shared.Rent(ProbeBytes + TailBytes);
                        (head, tail) = await ReadEndsAsync(file, 0, file.Length, rented, cancellationToken).ConfigureAwait(false);
                    }

                    break;

                default:
                    var stream = input.SourceStream!;
                    if (!stream.CanRead)
                    {
                        throw Unreadable(input, parameterName, null);
                    }

                    if (stream.CanSeek)
                    {
                        length = stream.Length - input.StreamStart;
                        rented = ArrayPool<byte>.Shared.Rent(ProbeBytes + TailBytes);
                        (head, tail) = await ReadEndsAsync(stream, input.StreamStart, length.Value, rented, cancellationToken).ConfigureAwait(false);
                        stream.Position = input.StreamStart;
                    }
                    else
                    {
                        // A non-seekable stream is read once: what the probe reads is kept and sent first.
                        var probe = new byte[ProbeBytes];
                        var read = await stream.ReadAtLeastAsync(probe, ProbeBytes, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                        Array.Resize(ref probe, read);
                        oneShotPrefix = probe;
                        head = probe;
                        var ended = read < ProbeBytes;
                        length = ended ? read : null;
                        tail = ended ? probe.AsMemory(Math.Max(0, read - TailBytes)) : null;
                    }

                    break;
            }

            if (length == 0 || head.Length == 0)
            {
                throw new ArgumentException($"{parameterName} ({input}) is empty.", parameterName);
            }

            if (length > maxBytes)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"{parameterName} ({input}) is {length:N0} bytes; the model accepts at most {maxBytes:N0} bytes per image."),
                    parameterName);
            }

            if (!ImageHeader.TryRead(head.Span, out var header))
            {
                throw new ArgumentException(
                    $"{parameterName} ({input}) is not a PNG, JPEG or WEBP image: its first bytes are {Convert.ToHexString(head.Span[..Math.Min(8, head.Length)])}.",
                    parameterName);
            }

            if (length is { } known && tail is { } end && !ImageHeader.LooksComplete(header.Format, head.Span, end.Span, known))
            {
                throw new ArgumentException(
                    $"{parameterName} ({input}) looks truncated: a complete {header.Format.Value.ToUpperInvariant()} file does not end like this.", parameterName);
            }

            return new PreparedImage(input, header, length, fileNameStem + header.Format.FileExtension, oneShotPrefix, maxBytes, parameterName);
        }
        catch (Exception ex) when (ex is ObjectDisposedException or NotSupportedException && input.Kind == ImageInputKind.Stream)
        {
            throw Unreadable(input, parameterName, ex);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented, clearArray: true);
            }
        }
    }

    /// <summary>A stream handed to <see cref="ImageInput.FromStream"/> that was disposed (or cannot be read) before the call.</summary>
    private static ArgumentException Unreadable(ImageInput input, string parameterName, Exception? inner) =>
        new($"{parameterName} ({input}) cannot be read: the stream was disposed or is not readable. Keep it open until the call returns.", parameterName, inner);

    /// <summary>Reads the first and last bytes into a pooled buffer (head, then tail), so a file probe allocates nothing.</summary>
    private static async Task<(ReadOnlyMemory<byte> Head, ReadOnlyMemory<byte> Tail)> ReadEndsAsync(Stream stream, long start, long length, byte[] buffer, CancellationToken cancellationToken)
    {
        var head = buffer.AsMemory(0, (int)Math.Min(length, ProbeBytes));
        stream.Position = start;
        await stream.ReadExactlyAsync(head, cancellationToken).ConfigureAwait(false);
        var tail = buffer.AsMemory(ProbeBytes, (int)Math.Min(length, TailBytes));
        stream.Position = start + length - tail.Length;
        await stream.ReadExactlyAsync(tail, cancellationToken).ConfigureAwait(false);
        return (head, tail);
    }
}
