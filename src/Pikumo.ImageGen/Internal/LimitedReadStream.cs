using System.Runtime.CompilerServices;

namespace Pikumo.ImageGen.Internal;

/// <summary>
/// Reads an optional already-read prefix, then the inner stream, and fails once more than the limit has
/// been read: a non-seekable reference that turns out too large is stopped while it streams.
/// </summary>
internal sealed class LimitedReadStream(Stream inner, byte[]? prefix, bool ownsInner, long maxBytes, string parameterName) : Stream
{
    private int _prefixPosition;
    private long _total;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _total;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = TakePrefix(buffer);
        if (n == 0)
        {
            n = inner.Read(buffer);
        }

        return Count(n);
    }

    // Pooled: a file read completes asynchronously, and an upload makes one read per 80 KB, so an unpooled state
    // machine box per read would make the upload's allocations grow with the reference's size.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var n = TakePrefix(buffer.Span);
        if (n == 0)
        {
            n = await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }

        return Count(n);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && ownsInner)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    public override async ValueTask DisposeAsync()
    {
        if (ownsInner)
        {
            await inner.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    private int TakePrefix(Span<byte> buffer)
    {
        if (prefix is null || _prefixPosition >= prefix.Length)
        {
            return 0;
        }

        var n = Math.Min(buffer.Length, prefix.Length - _prefixPosition);
        prefix.AsSpan(_prefixPosition, n).CopyTo(buffer);
        _prefixPosition += n;
        return n;
    }

    private int Count(int n)
    {
        _total += n;
        if (_total > maxBytes)
        {
            throw new ArgumentException($"{parameterName} is larger than the model's limit of {maxBytes:N0} bytes; the upload was stopped.", parameterName);
        }

        return n;
    }
}
