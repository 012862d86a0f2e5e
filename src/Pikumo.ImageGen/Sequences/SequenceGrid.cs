namespace Pikumo.ImageGen.Sequences;

/// <summary>The composite grid for a preview chunk: the seed-tested 2×4 storyboard for 5–8 beats, smaller grids for fewer.</summary>
internal static class SequenceGrid
{
    /// <summary>Rows × columns for <paramref name="beats"/> panels, landscape first; swapped on a portrait canvas.</summary>
    public static (int Rows, int Columns) For(int beats, ImageSize canvas)
    {
        var (rows, columns) = beats switch
        {
            1 => (1, 1),
            2 => (1, 2),
            <= 4 => (2, 2),
            <= 6 => (2, 3),
            _ => (2, 4),
        };
        return canvas.Height > canvas.Width ? (columns, rows) : (rows, columns);
    }
}
