namespace Pikumo.ImageGen.Sequences;

/// <summary>
/// Another run wrote the story's journal since this run read it (a store with conditional writes, such as blob storage,
/// refused this run's write): the story is someone else's now, for example a second activation of the story on another
/// machine. The run stops before its next paid call and nothing it wrote replaced the other run's journal; open the story
/// again later to resume from what the other run recorded (nothing done is paid for twice).
/// </summary>
public class SequenceJournalConflictException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public SequenceJournalConflictException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What conflicted.</param>
    public SequenceJournalConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What conflicted.</param>
    /// <param name="innerException">The store's own error (for example HTTP 412).</param>
    public SequenceJournalConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The story's location in the store, when known.</summary>
    public string? Location { get; init; }
}
