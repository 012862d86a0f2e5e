using System.Globalization;

namespace Pikumo.ImageGen.Sequences;

/// <content>A continued story's first continuity reference, and the run's re-roll spending.</content>
internal sealed partial class SequenceRun
{
    private readonly Lock _rerollLock = new();
    private decimal _rerollSpent;

    /// <summary>The continuity reference a continued story starts its first chunk with.</summary>
    public (ImageInput Image, string Label)? Continuation { get; private set; }

    /// <summary>Refuses judging and continuation settings that cannot run, before the folder is opened.</summary>
    public static void ValidateStory(SequenceRequest request)
    {
        if (request.Judging is not { } judging)
        {
            return;
        }

        if (judging.MaxRerolls is < 0 or > 10)
        {
            throw new ArgumentOutOfRangeException("request.Judging.MaxRerolls", judging.MaxRerolls, "request.Judging.MaxRerolls must be between 0 and 10.");
        }

        if (judging.Variants is < 1 or > 10)
        {
            throw new ArgumentOutOfRangeException("request.Judging.Variants", judging.Variants, "request.Judging.Variants must be between 1 and 10.");
        }

        if (judging.RerollBudgetUsd is < 0m)
        {
            throw new ArgumentOutOfRangeException("request.Judging.RerollBudgetUsd", judging.RerollBudgetUsd, "request.Judging.RerollBudgetUsd cannot be negative.");
        }

        if (judging.MinimumScore is { } minimum && !double.IsFinite(minimum))
        {
            throw new ArgumentOutOfRangeException("request.Judging.MinimumScore", minimum, "request.Judging.MinimumScore must be a finite number.");
        }
    }

    /// <summary>
    /// Gives the folder a run id (kept with the first journal write) and takes up the request's continuation: a folder
    /// that already continues another image is refused, since its frames were made from that one.
    /// </summary>
    public void BeginStory()
    {
        Manifest.RunId ??= Guid.NewGuid().ToString("n", CultureInfo.InvariantCulture);
        if (Request.ContinueFrom is not { } from)
        {
            return;
        }

        if (Manifest.Continues is { } earlier && earlier.Sha256 != from.Record.Sha256)
        {
            throw new InvalidOperationException(
                $"'{Journal.Directory}' continues another image ({earlier.File ?? "an image"}, SHA-256 {earlier.Sha256}); its frames were made from that one. Use a new folder to continue from {from.Record.File ?? "this image"}.");
        }

        Manifest.Continues = from.Record;
        Continuation = (ImageInput.FromBytes(from.Image, from.Record.File is { } file ? Path.GetFileName(file) : null), from.Label);
    }

    /// <summary>The note of a call's continuity reference: the continuation's for the image a continued story starts from, otherwise the default.</summary>
    public string? ContinuityNote(IReadOnlyList<(ImageInput Image, string Label)> references) =>
        Continuation is { } start && references.Count > 0 && ReferenceEquals(references[^1].Image, start.Image) ? Request.ContinueFrom!.Record.Note : null;

    /// <summary>Takes a re-roll's estimate from <see cref="Judging.FrameJudging.RerollBudgetUsd"/>, or returns false when it would pass it.</summary>
    public bool TryReserveReroll(decimal estimate)
    {
        lock (_rerollLock)
        {
            if (Request.Judging?.RerollBudgetUsd is { } limit && _rerollSpent + estimate > limit)
            {
                return false;
            }

            _rerollSpent += estimate;
            return true;
        }
    }

    /// <summary>Replaces a re-roll's estimate with what it cost.</summary>
    public void SettleReroll(decimal estimate, decimal actual)
    {
        lock (_rerollLock)
        {
            _rerollSpent += actual - estimate;
        }
    }
}
