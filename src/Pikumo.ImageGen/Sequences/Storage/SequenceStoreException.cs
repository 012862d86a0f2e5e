namespace Pikumo.ImageGen.Sequences;

/// <summary>
/// A story's store (<see cref="ISequenceStore"/>) could not read or write: for example blob storage is unreachable.
/// A run that meets it stops before its next paid call; frames already stored and journaled stay, and running the
/// story again when the store is back resumes it without paying twice.
/// </summary>
public class SequenceStoreException : IOException
{
    /// <summary>Creates the exception.</summary>
    public SequenceStoreException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What failed.</param>
    public SequenceStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What failed.</param>
    /// <param name="innerException">The store's own error.</param>
    public SequenceStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The story's location in the store, when known.</summary>
    public string? Location { get; init; }
}
