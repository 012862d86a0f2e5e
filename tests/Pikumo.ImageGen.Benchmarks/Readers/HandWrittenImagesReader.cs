using System.Buffers;
using System.Text.Json;

using Pikumo.ImageGen.Http;

namespace Pikumo.ImageGen.Benchmarks.Readers;

/// <summary>
/// The hand-written reader the library used before source-generated System.Text.Json (ImagesResponseReader), kept
/// as the measured alternative in ReaderBenchmarks. Reads an images JSON response from the network stream a buffer at a time. The working buffer is pooled and only
/// ever as large as the largest single token (one image's base64), never the whole multi-megabyte body.
/// </summary>
internal static class HandWrittenImagesReader
{
    private const int InitialBufferSize = 64 * 1024;

    /// <summary>
    /// Buffers up to this size come from the shared pool; larger ones (a token of megabytes) are plain arrays that the GC
    /// takes back, because the shared pool would keep them for the life of the process.
    /// </summary>
    internal const int LargestPooledBuffer = 1024 * 1024;

    /// <summary>Parses the stream.</summary>
    /// <exception cref="InvalidDataException">Not JSON, truncated, wrong shape, invalid base64, or over <paramref name="maxBytes"/>.</exception>
    public static async Task<ImagesPayload> ReadAsync(Stream stream, long maxBytes, CancellationToken cancellationToken)
    {
        var parser = new HandWrittenImagesParser();
        var state = new JsonReaderState(HandWrittenImagesParser.ReaderOptions);
        var buffer = Rent(InitialBufferSize);
        int start = 0, end = 0;
        long total = 0;
        try
        {
            while (true)
            {
                if (start > 0 && (start == end || end == buffer.Length))
                {
                    buffer.AsSpan(start, end - start).CopyTo(buffer);
                    end -= start;
                    start = 0;
                }

                if (end == buffer.Length)
                {
                    // One token is larger than the buffer (an image's base64): grow to hold it, never past the cap.
                    var size = NextBufferSize(buffer.Length, maxBytes);
                    if (size <= buffer.Length)
                    {
                        throw new InvalidDataException($"The response is larger than the {maxBytes:N0}-byte cap (ImageGenOptions.MaxResponseBytes); reading stopped.");
                    }

                    var larger = Rent(size);
                    buffer.AsSpan(0, end).CopyTo(larger);
                    Return(buffer);
                    buffer = larger;
                }

                // Fill the free space before parsing: Utf8JsonReader rescans an unfinished token from its start on every
                // call, so parsing after each network read (a TLS record is at most 16 KB) made a 4 MB base64 image cost
                // hundreds of rescans; with a full buffer each token is rescanned only when the buffer doubles.
                var read = await stream.ReadAtLeastAsync(buffer.AsMemory(end), buffer.Length - end, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                total += read;
                if (total > maxBytes)
                {
                    throw new InvalidDataException($"The response is larger than the {maxBytes:N0}-byte cap (ImageGenOptions.MaxResponseBytes); reading stopped.");
                }

                end += read;
                var isFinal = read == 0;
                if (isFinal && total == 0)
                {
                    throw new InvalidDataException("The response body is empty.");
                }

                int consumed;
                try
                {
                    consumed = Parse(parser, buffer.AsSpan(start, end - start), isFinal, ref state);
                }
                catch (InvalidDataException ex) when (isFinal && ex.InnerException is JsonException)
                {
                    throw new InvalidDataException($"The response ended before its JSON was complete (truncated) or is malformed: {ex.InnerException.Message}", ex.InnerException);
                }

                start += consumed;
                if (parser.Completed)
                {
                    return parser.Payload;
                }

                if (isFinal)
                {
                    throw new InvalidDataException("The response ended before its JSON was complete (truncated).");
                }
            }
        }
        finally
        {
            Return(buffer);
        }
    }

    /// <summary>The next working buffer size: double, but at most one byte past the cap (reading that byte proves the answer too large).</summary>
    internal static int NextBufferSize(int current, long maxBytes) =>
        (int)Math.Min(Math.Min((long)current * 2, maxBytes + 1), Array.MaxLength);

    private static byte[] Rent(int size) => size <= LargestPooledBuffer ? ArrayPool<byte>.Shared.Rent(size) : GC.AllocateUninitializedArray<byte>(size);

    private static void Return(byte[] buffer)
    {
        if (buffer.Length <= LargestPooledBuffer)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Parses a complete JSON document held in memory (one streaming event).</summary>
    /// <exception cref="InvalidDataException">Not JSON, truncated, wrong shape or invalid base64.</exception>
    public static ImagesPayload Parse(ReadOnlySpan<byte> json)
    {
        var parser = new HandWrittenImagesParser();
        var state = new JsonReaderState(HandWrittenImagesParser.ReaderOptions);
        Parse(parser, json, isFinalBlock: true, ref state);
        return parser.Completed ? parser.Payload : throw new InvalidDataException("The JSON ended before it was complete.");
    }

    private static int Parse(HandWrittenImagesParser parser, ReadOnlySpan<byte> data, bool isFinalBlock, ref JsonReaderState state)
    {
        var reader = new Utf8JsonReader(data, isFinalBlock, state);
        try
        {
            parser.Consume(ref reader);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"The response is not valid JSON: {ex.Message}", ex);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidDataException($"The response has the wrong JSON shape: {ex.Message}", ex);
        }

        state = reader.CurrentState;
        return (int)reader.BytesConsumed;
    }
}
