using System.Buffers;
using System.Security.Cryptography;

namespace Pikumo.ImageGen.Http;

/// <summary>
/// Reads an images answer while writing each <c>data[i].b64_json</c> straight to an <see cref="ImageDestination"/>:
/// the body is read 64 KB at a time through the size cap, <see cref="ImagesJsonScanner"/> finds each image's base64,
/// which is decoded slice by slice (<see cref="Base64Slices"/>) and written, hashed and counted as it arrives; the
/// rest of the JSON (usage, echoes, with empty <c>b64_json</c> strings) is parsed whole by
/// <see cref="ImagesResponseReader.Parse"/>. A call holds its pooled buffers and a few small objects, never an image.
/// A failure abandons the image being written (a file destination deletes its temporary file); images already
/// completed stay where they are.
/// </summary>
internal static class ImagesStreamingReader
{
    private const int ReadSize = 64 * 1024;

    /// <summary>Parses the stream, writing the images to <paramref name="destination"/>.</summary>
    /// <exception cref="InvalidDataException">Not JSON, truncated, wrong shape, invalid base64, or over <paramref name="maxBytes"/>.</exception>
    public static async Task<ImagesPayload> ReadAsync(Stream stream, long maxBytes, ImageDestination destination, CancellationToken cancellationToken)
    {
        var input = ArrayPool<byte>.Shared.Rent(ReadSize);
        var output = ArrayPool<byte>.Shared.Rent(Base64Slices.MaxDecoded(ReadSize));
        var rest = new ArrayBufferWriter<byte>(1024);
        var scanner = new ImagesJsonScanner();
        var decoder = new Base64Slices();
        var saved = new List<SavedImage>();
        ImageWriter? writer = null;
        long total = 0;
        try
        {
            int read;
            while ((read = await stream.ReadAsync(input.AsMemory(0, ReadSize), cancellationToken).ConfigureAwait(false)) > 0)
            {
                total += read;
                if (total > maxBytes)
                {
                    throw new InvalidDataException($"The response is larger than the {maxBytes:N0}-byte cap (ImageGenOptions.MaxResponseBytes); reading stopped.");
                }

                for (var offset = 0; offset < read;)
                {
                    if (writer is null)
                    {
                        var consumed = scanner.ScanStructure(input.AsSpan(offset, read - offset), out var image);
                        rest.Write(input.AsSpan(offset, consumed));
                        offset += consumed;
                        if (image)
                        {
                            writer = new ImageWriter(Destination(() => destination.Open(saved.Count)), saved.Count);
                        }

                        continue;
                    }

                    var written = 0;
                    offset += scanner.ScanBase64(input.AsSpan(offset, read - offset), decoder, output, ref written, out var ended);
                    if (ended)
                    {
                        written += decoder.Finish(output.AsSpan(written));
                    }

                    try
                    {
                        await writer.WriteAsync(output.AsMemory(0, written), cancellationToken).ConfigureAwait(false);
                        if (ended)
                        {
                            saved.Add(await writer.CompleteAsync(cancellationToken).ConfigureAwait(false));
                        }
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        throw new DestinationFailedException(ex);
                    }

                    if (ended)
                    {
                        await writer.DisposeAsync().ConfigureAwait(false);
                        writer = null;
                    }
                }
            }

            if (total == 0)
            {
                throw new InvalidDataException("The response body is empty.");
            }

            if (writer is not null || !scanner.Complete)
            {
                throw new InvalidDataException("The response is not a complete, valid images JSON (truncated or malformed): it ended inside the JSON.");
            }
        }
        finally
        {
            if (writer is not null)
            {
                await writer.DisposeAsync().ConfigureAwait(false);
            }

            ArrayPool<byte>.Shared.Return(input);
            ArrayPool<byte>.Shared.Return(output);
        }

        var payload = ImagesResponseReader.Parse(rest.WrittenSpan);
        var next = 0;
        foreach (var image in payload.Images.Where(i => i.Data is not null))
        {
            image.Saved = next < saved.Count ? saved[next++] : throw new InvalidDataException("b64_json is not a string.");
        }

        return next == saved.Count ? payload : throw new InvalidDataException("The response's images do not match its b64_json strings.");
    }

    private static ImageSink Destination(Func<ImageSink> open)
    {
        try
        {
            return open();
        }
        catch (Exception ex)
        {
            throw new DestinationFailedException(ex);
        }
    }

    /// <summary>One image on its way to its sink: hashed, counted, and its first bytes kept (pooled) to read its header.</summary>
    private sealed class ImageWriter(ImageSink sink, int index) : IAsyncDisposable
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private byte[]? _head = ArrayPool<byte>.Shared.Rent(ImagePreparation.ProbeBytes);
        private int _headLength;
        private long _length;

        public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
            if (data.IsEmpty)
            {
                return;
            }

            _hash.AppendData(data.Span);
            var room = Math.Min(ImagePreparation.ProbeBytes - _headLength, data.Length);
            data.Span[..room].CopyTo(_head.AsSpan(_headLength));
            _headLength += room;
            _length += data.Length;
            await sink.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        }

        public async ValueTask<SavedImage> CompleteAsync(CancellationToken cancellationToken)
        {
            ImageHeader? header = ImageHeader.TryRead(_head.AsSpan(0, _headLength), out var read) ? read : null;
            var path = await sink.CompleteAsync(header?.Format, cancellationToken).ConfigureAwait(false);
            var hash = _hash.GetHashAndReset();
            return new SavedImage(index, header, _length, Convert.ToHexStringLower(hash), path);
        }

        public async ValueTask DisposeAsync()
        {
            _hash.Dispose();
            if (_head is { } head)
            {
                _head = null;
                ArrayPool<byte>.Shared.Return(head);
            }

            await sink.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>An image written to a destination as it was decoded.</summary>
internal sealed record SavedImage(int Index, ImageHeader? Header, long Length, string Sha256, string? Path);

/// <summary>The destination failed (a file exists, a disk is full, the caller's stream threw), not the answer: the transport rethrows the inner exception as is.</summary>
internal sealed class DestinationFailedException(Exception inner) : Exception(inner.Message, inner);
