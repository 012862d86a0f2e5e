namespace Pikumo.ImageGen.Tests.Infrastructure;

/// <summary>A read-only, non-seekable stream: over bytes, or endless generated content of a given length.</summary>
public sealed class NonSeekableStream : Stream
{
    private readonly byte[]? _bytes;
    private readonly byte[]? _prefix;
    private readonly long _length;
    private long _position;

    public NonSeekableStream(byte[] bytes)
    {
        _bytes = bytes;
        _length = bytes.Length;
    }

    /// <summary>A stream of <paramref name="length"/> bytes that starts with <paramref name="prefix"/> and continues with a pattern, never held in memory.</summary>
    public NonSeekableStream(byte[] prefix, long length)
    {
        _prefix = prefix;
        _length = length;
    }

    public long BytesRead => _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var n = (int)Math.Min(buffer.Length, _length - _position);
        for (var i = 0; i < n; i++)
        {
            var p = _position + i;
            buffer[i] = _bytes is not null ? _bytes[p] : p < _prefix!.Length ? _prefix[p] : (byte)(p * 31);
        }

        _position += n;
        return n;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => new(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => Task.FromResult(Read(buffer, offset, count));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
