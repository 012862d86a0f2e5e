using System.Buffers;

namespace Pikumo.ImageGen.Http;

/// <summary>Reads a response body into memory, never more than a limit: error bodies, fal's JSON, fal's result images.</summary>
internal static class BoundedRead
{
    /// <summary>Reads up to <paramref name="limit"/> bytes of the content.</summary>
    /// <returns>The bytes read (at most the limit) and whether the content had more than that.</returns>
    public static async Task<(byte[] Bytes, bool Overflowed)> ReadAsync(HttpContent content, long limit, CancellationToken cancellationToken)
    {
        var stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var announced = content.Headers.ContentLength;
            using var buffer = new MemoryStream(announced is { } length && length <= limit ? (int)length : (int)Math.Min(limit, 64 * 1024));
            var chunk = ArrayPool<byte>.Shared.Rent(81_920);
            try
            {
                int read;
                while ((read = await stream.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    var keep = (int)Math.Min(read, limit - buffer.Length);
                    buffer.Write(chunk, 0, keep);
                    if (keep < read)
                    {
                        return (buffer.ToArray(), true);
                    }
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(chunk, clearArray: true);
            }

            return (buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray(), false);
        }
    }
}
