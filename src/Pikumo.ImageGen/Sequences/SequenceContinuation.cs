using Pikumo.ImageGen.Internal;

namespace Pikumo.ImageGen.Sequences;

/// <summary>
/// The image a continued story starts from (<see cref="SequenceRequest.ContinueFrom"/>): usually the last frame of an
/// earlier run, read back and checked against that run's manifest, or any image. It is sent as the continuity reference
/// of the new story's first chunk, as the last frame of a chunk is for the next one, and the new run's manifest records
/// where it came from.
/// </summary>
public sealed class SequenceContinuation
{
    /// <summary>The prompt's note for the image when none is given.</summary>
    public const string DefaultNote = "the last frame of the story this one continues: keep continuity (people, outfits, place, light), do not copy its pose";

    private SequenceContinuation(ReadOnlyMemory<byte> image, SequenceContinuationRecord record)
    {
        Image = image;
        Record = record;
        Source = new SequenceContinuationSource(record);
    }

    /// <summary>The image's bytes.</summary>
    public ReadOnlyMemory<byte> Image { get; }

    /// <summary>Where it came from, as the new run's manifest records it (<see cref="SequenceRunManifest.Continues"/>).</summary>
    public SequenceContinuationSource Source { get; }

    /// <summary>Where it came from, as the manifest stores it.</summary>
    internal SequenceContinuationRecord Record { get; }

    /// <summary>Continues from any image (a frame made elsewhere, an illustration, a photo).</summary>
    /// <param name="image">A PNG, JPEG or WEBP image.</param>
    /// <param name="fileName">A name for the manifest, for example the file it was read from.</param>
    /// <param name="note">How the prompt describes it; <see langword="null"/> for <see cref="DefaultNote"/>.</param>
    /// <returns>The continuation.</returns>
    /// <exception cref="ArgumentException"><paramref name="image"/> is not a PNG, JPEG or WEBP image, or <paramref name="note"/> is whitespace.</exception>
    public static SequenceContinuation FromImage(ReadOnlyMemory<byte> image, string? fileName = null, string? note = null)
    {
        if (!ImageHeader.TryRead(image.Span[..Math.Min(image.Length, ImagePreparation.ProbeBytes)], out _))
        {
            throw new ArgumentException("The image is not a PNG, JPEG or WEBP image.", nameof(image));
        }

        if (note is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(note);
        }

        return new SequenceContinuation(image, new SequenceContinuationRecord
        {
            File = fileName, Sha256 = Internal.Sha256Hex.Of(image.Span), Note = note ?? DefaultNote,
        });
    }

    /// <summary>
    /// Continues from a frame of an earlier run: by default the last beat of its final tier (or of its preview tier when it
    /// has no final frame). The frame's file must still match the hash its manifest records.
    /// </summary>
    /// <param name="folder">The earlier run's folder (with its <c>manifest.json</c>).</param>
    /// <param name="beat">The 0-based beat to continue from; the last one made when <see langword="null"/>.</param>
    /// <param name="tier">The tier whose frame to take; final first, then preview, when <see langword="null"/>.</param>
    /// <param name="note">How the prompt describes it; <see langword="null"/> for <see cref="DefaultNote"/>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The continuation.</returns>
    /// <exception cref="ArgumentException"><paramref name="folder"/> is empty, or <paramref name="note"/> is whitespace.</exception>
    /// <exception cref="InvalidOperationException">
    /// The folder has no manifest, no finished frame (of that beat and tier), or the frame's file is missing or changed.
    /// </exception>
    public static async Task<SequenceContinuation> FromRunAsync(string folder, int? beat = null, SequenceTier? tier = null, string? note = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        if (note is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(note);
        }

        var manifest = await SequenceManifest.LoadAsync(folder, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"'{folder}' has no {SequenceManifest.FileName}: it is not the folder of a sequence run.");
        string[] tiers = tier is { } t ? [t == SequenceTier.Preview ? "preview" : "final"] : ["final", "preview"];
        foreach (var name in tiers)
        {
            var frame = manifest.Frames
                .Where(e => e.Tier == name && e.Status == SequenceJournal.Done && e.File is not null && e.Sha256 is not null && (beat is null || e.Beat == beat))
                .MaxBy(e => e.Beat);
            if (frame is null)
            {
                continue;
            }

            var path = Path.Combine(folder, frame.File!);
            var bytes = File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false) : null;
            if (bytes is null || Internal.Sha256Hex.Of(bytes) != frame.Sha256)
            {
                throw new InvalidOperationException($"'{path}' is missing or no longer the frame {SequenceManifest.FileName} records (SHA-256 {frame.Sha256}).");
            }

            return new SequenceContinuation(bytes, new SequenceContinuationRecord
            {
                RunId = manifest.RunId, Folder = folder, Tier = name, Beat = frame.Beat, File = frame.File, Sha256 = frame.Sha256!, Note = note ?? DefaultNote,
            });
        }

        throw new InvalidOperationException($"'{folder}' has no finished {string.Join(" or ", tiers)} frame{(beat is { } b ? $" for beat {b}" : string.Empty)} to continue from.");
    }

    /// <summary>The label the frame's provenance gives the image.</summary>
    internal string Label => Record.Beat >= 0
        ? $"frame {Record.Beat + 1} of the story this continues ({Record.Tier}{(Record.RunId is null ? string.Empty : $", run {Record.RunId}")})"
        : $"the image this story continues from{(Record.File is null ? string.Empty : $" ({Path.GetFileName(Record.File)})")}";
}
