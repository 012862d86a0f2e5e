using System.Text.Json;
using Pikumo.ImageGen.Http;

namespace Pikumo.ImageGen.Benchmarks.Readers;

/// <summary>
/// The reader the library used for held images until 2026-12-02, kept as the measured alternative in ReaderBenchmarks
/// and the memory mode: source-generated System.Text.Json <c>DeserializeAsync</c> over the size-capped network stream,
/// <c>byte[]</c> properties decoding each <c>b64_json</c> into one exact array. Its buffer must hold a whole token, so
/// it doubles (pooled) until one image's base64 fits: 4 MB for a 2 MB image. Returns the decoded images' bytes.
/// </summary>
internal static class WholeTokenImagesReader
{
    /// <summary>Parses the stream; returns the images' decoded bytes in order.</summary>
    public static async Task<List<byte[]>> ReadAsync(Stream stream, long maxBytes, CancellationToken cancellationToken)
    {
        var json = await JsonSerializer.DeserializeAsync(new CappedReadStream(stream, maxBytes), ImagesJsonContext.Default.ImagesJson, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException("The response is JSON null, not an object.");
        return [.. (json.Data ?? []).Where(d => d?.B64Json is not null).Select(d => d!.B64Json!)];
    }

    /// <summary>The network stream, failing once more than the cap has been read (reading that one byte proves the answer too large).</summary>
    private sealed class CappedReadStream(Stream inner, long maxBytes) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => BytesRead;
            set => throw new NotSupportedException();
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await inner.ReadAsync(buffer[..Room(buffer.Length)], cancellationToken).ConfigureAwait(false);
            return Count(read);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count)
        {
            return Count(inner.Read(buffer, offset, Room(count)));
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        /// <summary>At most one byte past the cap is asked for.</summary>
        private int Room(int wanted) => maxBytes - BytesRead < wanted ? (int)(maxBytes - BytesRead) + 1 : wanted;

        private int Count(int read)
        {
            BytesRead += read;
            return BytesRead > maxBytes
                ? throw new InvalidDataException($"The response is larger than the {maxBytes:N0}-byte cap (ImageGenOptions.MaxResponseBytes); reading stopped.")
                : read;
        }
    }
}
