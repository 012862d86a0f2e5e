namespace Pikumo.ImageGen.Sequences;

/// <summary>Splits beats into chunks.</summary>
internal static class SequenceChunks
{
    /// <summary>
    /// Splits <paramref name="beats"/> into the fewest chunks of at most <paramref name="chunkSize"/>, as even as possible
    /// (9 beats become 5 + 4, not 8 + 1): even chunks keep composite panels alike and spread the chaining evenly.
    /// </summary>
    /// <param name="beats">How many beats, at least 1.</param>
    /// <param name="chunkSize">The most per chunk, at least 1.</param>
    /// <returns>Each chunk's first beat and count, in order.</returns>
    public static IReadOnlyList<(int Start, int Count)> Split(int beats, int chunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(beats, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        var chunks = (beats + chunkSize - 1) / chunkSize;
        var size = beats / chunks;
        var larger = beats % chunks;
        var result = new (int, int)[chunks];
        var start = 0;
        for (var i = 0; i < chunks; i++)
        {
            var count = size + (i < larger ? 1 : 0);
            result[i] = (start, count);
            start += count;
        }

        return result;
    }
}
