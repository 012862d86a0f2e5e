namespace Pikumo.ImageGen.Sequences.Judging;

/// <summary>One image a frame's call was made from, as a judge sees it.</summary>
/// <param name="Label">What it is, as the frame's provenance names it (for example <c>reference 1: photo of Mia</c>, or a continuity frame).</param>
/// <param name="Image">The image that was sent.</param>
public readonly record struct FrameReference(string Label, ImageInput Image)
{
    /// <summary>Whether this is a continuity frame (the previous chunk's last frame, or the image a continued story starts from), not a subject's photo.</summary>
    public bool IsContinuity => Label.StartsWith("frame ", StringComparison.Ordinal) || Label.StartsWith("the image this story continues", StringComparison.Ordinal);

    /// <summary>The image's bytes, for a judge that compares the frame with it (a face-similarity service, for example).</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The bytes: held in memory, or read from the file.</returns>
    /// <exception cref="NotSupportedException">The image is a stream that cannot seek (read it into bytes before the run).</exception>
    public async ValueTask<ReadOnlyMemory<byte>> ReadAsync(CancellationToken cancellationToken = default)
    {
        switch (Image.Kind)
        {
            case ImageInputKind.File:
                return await File.ReadAllBytesAsync(Image.FilePath!, cancellationToken).ConfigureAwait(false);
            case ImageInputKind.Stream when Image.SourceStream is { CanSeek: true } stream:
                var position = stream.Position;
                using (var copy = new MemoryStream())
                {
                    stream.Position = 0;
                    await stream.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
                    stream.Position = position;
                    return copy.ToArray();
                }

            case ImageInputKind.Stream:
                throw new NotSupportedException($"{Label} is a stream that cannot seek: it was read once to send it, so a judge cannot read it again. Give the sequence its references as files or bytes.");
            default:
                return Image.Bytes;
        }
    }
}
