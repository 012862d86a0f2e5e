namespace Pikumo.ImageGen.Sequences;

/// <summary>Where a paid unit (a frame, a composite, a generated reference) of a run stands in the run's manifest.</summary>
public enum SequenceEntryState
{
    /// <summary>The call was started and its outcome is not known yet (or the run was killed during it); a fal job id, once known, is in <see cref="SequenceRunManifestEntry.RequestId"/>.</summary>
    InFlight,

    /// <summary>The image arrived and its SHA-256 is recorded; the file may not be written yet (a resume adopts it).</summary>
    Answered,

    /// <summary>The file is written and verified.</summary>
    Done,

    /// <summary>The provider refused, or the call surely did not run: not billed. A rerun tries it again.</summary>
    Failed,

    /// <summary>
    /// The call may have run and been billed, but gave no image; a rerun applies <see cref="SequenceRequest.UnknownOutcomes"/>.
    /// A state this version does not know (a newer manifest) also reads as this, the careful reading.
    /// </summary>
    OutcomeUnknown,
}
