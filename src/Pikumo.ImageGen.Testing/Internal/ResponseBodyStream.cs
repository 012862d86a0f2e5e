namespace Pikumo.ImageGen.Testing.Internal;

/// <summary>
/// The in-process body of an answer: its bytes, then its chunks as they are produced (on the simulator's clock),
/// then — for a truncated answer — the <see cref="HttpIOException"/> a real connection cut short would raise.
/// </summary>
internal sealed class ResponseBodyStream : Stream
{
    private readonly SimulatorResponse _response;
    private readonly CancellationTokenSource _stop = new();
    private IAsyncEnumerator<ReadOnlyMemory<byte>>? _chunks;
    private ReadOnlyMemory<byte> _current;
    private bool _bodyTaken;
    private bool _chunksDone;
    private bool _disposed;

    public ResponseBodyStream(SimulatorResponse response)
    {
        _response = response;
        _chunksDone = response.Chunks is null;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var registration = cancellationToken.Register(static state => ((CancellationTokenSource)state!).Cancel(), _stop);
        while (_current.IsEmpty)
        {
            if (!_bodyTaken)
            {
                _bodyTaken = true;
                _current = _response.Body;
            }
            else if (!_chunksDone)
            {
                _chunks ??= _response.Chunks!(_stop.Token).GetAsyncEnumerator(_stop.Token);
                try
                {
                    if (await _chunks.MoveNextAsync().ConfigureAwait(false))
                    {
                        _current = _chunks.Current;
                    }
                    else
                    {
                        _chunksDone = true;
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
            }
            else if (_response.Ending == ResponseEnding.Truncate)
            {
                throw new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely (the simulator cut it off).");
            }
            else
            {
                return 0;
            }
        }

        var count = Math.Min(buffer.Length, _current.Length);
        _current[..count].CopyTo(buffer);
        _current = _current[count..];
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            _stop.Cancel();
            if (_chunks is not null)
            {
                try
                {
                    _chunks.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }
                catch (OperationCanceledException)
                {
                    // Stopped mid-wait: nothing left to release.
                }
            }

            _stop.Dispose();
        }

        base.Dispose(disposing);
    }
}
