using System.Buffers;

namespace Pikumo.ImageGen.Http;

/// <summary>
/// One image decoded in slices while its answer is read, when the caller holds its images in memory: the slices go into
/// pooled segments (never more than one segment beyond the image), then are copied once into an exactly-sized array.
/// A call never holds its JSON text or a doubling buffer, so its peak is about twice its decoded image at the moment of
/// the copy and one image after it. Segments are cleared as they go back, so no other renter of the shared pool reads
/// a fragment of someone's picture.
/// </summary>
internal sealed class HeldImage : IDisposable
{
    /// <summary>Small enough that the last segment wastes little, large enough that a 12 MB image is a few dozen rents.</summary>
    internal const int SegmentSize = 128 * 1024;

    private readonly List<byte[]> _segments = [];
    private int _used = SegmentSize;   // bytes used in the last segment; full, so the first write rents
    private long _length;

    /// <summary>Appends decoded bytes.</summary>
    public void Write(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (_used == SegmentSize)
            {
                _segments.Add(ArrayPool<byte>.Shared.Rent(SegmentSize));
                _used = 0;
            }

            var take = Math.Min(SegmentSize - _used, data.Length);
            data[..take].CopyTo(_segments[^1].AsSpan(_used));
            _used += take;
            _length += take;
            data = data[take..];
        }
    }

    /// <summary>The image as one exactly-sized array; the segments go back to the pool.</summary>
    /// <exception cref="InvalidDataException">Larger than an array can hold.</exception>
    public byte[] Detach()
    {
        var image = _length <= Array.MaxLength
            ? GC.AllocateUninitializedArray<byte>((int)_length)
            : throw new InvalidDataException($"An image of {_length:N0} bytes is larger than an array can hold.");
        var at = 0;
        for (var i = 0; i < _segments.Count; i++)
        {
            var count = i == _segments.Count - 1 ? _used : SegmentSize;
            _segments[i].AsSpan(0, count).CopyTo(image.AsSpan(at));
            at += count;
        }

        Dispose();
        return image;
    }

    /// <summary>Gives the segments back (an image abandoned mid-way, or after <see cref="Detach"/>).</summary>
    public void Dispose()
    {
        foreach (var segment in _segments)
        {
            ArrayPool<byte>.Shared.Return(segment, clearArray: true);
        }

        _segments.Clear();
        _used = SegmentSize;
        _length = 0;
    }
}
