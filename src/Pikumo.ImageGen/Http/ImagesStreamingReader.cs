using System.Buffers;
using System.Security.Cryptography;

namespace Pikumo.ImageGen.Http;

/// <summary>
/// Reads an images answer while decoding each <c>data[i].b64_json</c> as it arrives: the body is read 64 KB at a time
/// through the size cap, <see cref="ImagesJsonScanner"/> finds each image's base64, which is decoded slice by slice
/// (<see cref="Base64Slices"/>) and either written, hashed and counted straight to an <see cref="ImageDestination"/>
/// (save as you decode), or held in pooled segments and copied once into an exactly-sized array (<see cref="HeldImage"/>).
/// The rest of the JSON (usage, echoes, with empty <c>b64_json</c> strings) is parsed whole by
/// <see cref="ImagesResponseReader.Parse"/>. A call never holds its JSON text: with a destination it holds its pooled
/// buffers and a few small objects, never an image; held, its images and less than one segment more.
/// A failure abandons the image being written (a file destination deletes its temporary file); images already
/// completed stay where they are.
/// </summary>
internal static class ImagesStreamingReader
{
    private const int ReadSize = 64 * 1024;

    /// <summary>Parses the stream, writing the images to <paramref name="destination"/>, or holding them when it is null.</summary>
    /// <exception cref="InvalidDataException">Not JSON, truncated, wrong shape, invalid base64, or over <paramref name="maxBytes"/>.</exception>
    public static async Task<ImagesPayload> ReadAsync(Stream stream, long maxBytes, ImageDestination? destination, CancellationToken cancellationToken)
    {
        var input = ArrayPool<byte>.Shared.Rent(ReadSize);
        var output = ArrayPool<byte>.Shared.Rent(Base64Slices.MaxDecoded(ReadSize));
        var rest = new ArrayBufferWriter<byte>(1024);
        var scanner = new ImagesJsonScanner();
        var decoder = new Base64Slices();
        var saved = new List<SavedImage>();
        var held = new List<byte[]>();
        ImageWriter? writer = null;
        HeldImage? holding = null;
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
                    if (writer is null && holding is null)
                    {
                        var consumed = scanner.ScanStructure(input.AsSpan(offset, read - offset), out var image);
                        rest.Write(input.AsSpan(offset, consumed));
                        offset += consumed;
                        if (image && destination is { } target)
                        {
                            writer = new ImageWriter(Destination(() => target.Open(saved.Count)), saved.Count);
                        }
                        else if (image)
                        {
                            holding = new HeldImage();
                        }

                        continue;
                    }

                    var written = 0;
                    bool ended;
                    try
                    {
                        offset += scanner.ScanBase64(input.AsSpan(offset, read - offset), decoder, output, ref written, out ended);
                        if (ended)
                        {
                            written += decoder.Finish(output.AsSpan(written));
                        }
                    }
                    catch (InvalidDataException ex)
                    {
                        throw new InvalidDataException($"data[{saved.Count + held.Count}].{ex.Message}", ex);
                    }

                    if (holding is not null)
                    {
                        holding.Write(output.AsSpan(0, written));
                        if (ended)
                        {
                            held.Add(holding.Detach());
                            holding = null;
                        }

                        continue;
                    }

                    try
                    {
                        await writer!.WriteAsync(output.AsMemory(0, written), cancellationToken).ConfigureAwait(false);
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

            if (writer is not null || holding is not null || !scanner.Complete)
            {
                throw new InvalidDataException("The response is not a complete, valid images JSON (truncated or malformed): it ended inside the JSON.");
            }
        }
        finally
        {
            holding?.Dispose();
            if (writer is not null)
            {
                await writer.DisposeAsync().ConfigureAwait(false);
            }

            // Cleared: they held image bytes, which no other renter of the shared pool should read.
            ArrayPool<byte>.Shared.Return(input, clearArray: true);
            ArrayPool<byte>.Shared.Return(output, clearArray: true);
        }

        var payload = ImagesResponseReader.Parse(rest.WrittenSpan);
        var decoded = destination is null ? held.Count : saved.Count;
        var next = 0;
        foreach (var image in payload.Images.Where(i => i.Data is not null))
        {
            if (next == decoded)
            {
                throw new InvalidDataException("b64_json is not a string.");
            }

            if (destination is null)
            {
                image.Data = held[next++];
            }
            else
            {
                image.Saved = saved[next++];
            }
        }

        return next == decoded ? payload : throw new InvalidDataException("The response's images do not match its b64_json strings.");
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
                ArrayPool<byte>.Shared.Return(head, clearArray: true);
            }

            await sink.DisposeAsync().ConfigureAwait(false);
        }
    }
}

/// <summary>An image written to a destination as it was decoded.</summary>
internal sealed record SavedImage(int Index, ImageHeader? Header, long Length, string Sha256, string? Path);

/// <summary>The destination failed (a file exists, a disk is full, the caller's stream threw), not the answer: the transport rethrows the inner exception as is.</summary>
internal sealed class DestinationFailedException(Exception inner) : Exception(inner.Message, inner);
