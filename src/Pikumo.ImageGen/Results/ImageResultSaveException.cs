namespace Pikumo.ImageGen;

/// <summary>
/// Saving a result's images failed part way (a full disk, a folder without write permission, a cancelled write).
/// The call itself succeeded and may have been paid for: <see cref="Result"/> still holds every image's bytes, so
/// they can be saved elsewhere, and <see cref="SavedPaths"/> lists what was written before the failure.
/// </summary>
public sealed class ImageResultSaveException : IOException
{
    /// <summary>Creates the exception.</summary>
    public ImageResultSaveException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What happened.</param>
    public ImageResultSaveException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="innerException">The write's failure.</param>
    public ImageResultSaveException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a result.</summary>
    /// <param name="message">What happened.</param>
    /// <param name="result">The result whose images were being saved.</param>
    /// <param name="savedPaths">The files written before the failure.</param>
    /// <param name="innerException">The write's failure.</param>
    public ImageResultSaveException(string message, ImageResult result, IReadOnlyList<string> savedPaths, Exception innerException)
        : base(message, innerException)
    {
        Result = result;
        SavedPaths = savedPaths;
    }

    /// <summary>The result, with every image's bytes (<see cref="ImageResult.Images"/>); <see langword="null"/> only when built without one.</summary>
    public ImageResult? Result { get; }

    /// <summary>The files written before the failure, in image order.</summary>
    public IReadOnlyList<string> SavedPaths { get; } = [];
}
