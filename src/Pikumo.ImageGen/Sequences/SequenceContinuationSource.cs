namespace Pikumo.ImageGen.Sequences;

/// <summary>
/// Where a continued story's first continuity reference came from (<see cref="SequenceRequest.ContinueFrom"/>): a frame
/// of an earlier run (its run id, folder, tier, beat and file) or any image (its file name). The new run's manifest
/// records it before the first paid call (<see cref="SequenceRunManifest.Continues"/>), and the frames of its first
/// chunk carry it (<see cref="SequenceFrame.ContinuedFrom"/>). Read-only.
/// </summary>
public sealed class SequenceContinuationSource
{
    internal SequenceContinuationSource(SequenceContinuationRecord record)
    {
        RunId = record.RunId;
        Folder = record.Folder;
        Tier = record.Tier switch
        {
            "final" => SequenceTier.Final,
            "preview" => SequenceTier.Preview,
            _ => null,
        };
        Beat = record.Beat >= 0 ? record.Beat : null;
        File = record.File;
        Sha256 = record.Sha256 ?? string.Empty;
        Note = record.Note;
    }

    /// <summary>The earlier run's id (<see cref="SequenceRunManifest.RunId"/>); <see langword="null"/> for an image that is not from a run.</summary>
    public string? RunId { get; }

    /// <summary>The earlier run's folder as it was given; <see langword="null"/> for an image that is not from a run.</summary>
    public string? Folder { get; }

    /// <summary>The earlier run's tier the frame comes from; <see langword="null"/> for an image that is not from a run.</summary>
    public SequenceTier? Tier { get; }

    /// <summary>The 0-based beat of the earlier run's frame; <see langword="null"/> for an image that is not from a run.</summary>
    public int? Beat { get; }

    /// <summary>The frame's file relative to the earlier run's folder, or the image's file name, when one was given.</summary>
    public string? File { get; }

    /// <summary>The SHA-256 (lower-case hex) of the image's bytes: a run folder continued from another image is refused.</summary>
    public string Sha256 { get; }

    /// <summary>How the prompt describes the image (its continuity note).</summary>
    public string? Note { get; }

    /// <summary>Whether the image is a frame of an earlier run (not any image).</summary>
    public bool IsFromRun => Beat is not null;

    /// <inheritdoc />
    public override string ToString() => IsFromRun
        ? $"frame {Beat + 1} ({Tier}) of {(RunId is null ? Folder : $"run {RunId}")}"
        : $"image {File ?? Sha256}";
}
