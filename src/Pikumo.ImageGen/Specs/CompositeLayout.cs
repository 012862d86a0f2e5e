using System.Globalization;

namespace Pikumo.ImageGen.Specs;

/// <summary>
/// A composite: one image divided into a grid of rows × columns of panels, each showing one beat, read left to
/// right, top to bottom (rendered as <c>"layout"</c>). Immutable; created by <see cref="CompositeLayoutBuilder"/>.
/// </summary>
/// <remarks>
/// <para>
/// The geometry is exact and public so composites can be sliced into panels: with no gutter the panels tile the
/// canvas with no gap and no overlap. When the canvas does not divide evenly, the leftover pixels go one each to
/// the first columns (and the first rows), so panel edges differ by at most one pixel.
/// </para>
/// <para>
/// A panel whose shorter edge is under <see cref="UsefulPanelEdge"/> pixels gets a warning, not an error: the seed's
/// 1024×1024 storyboard (256×512 panels) held identity but compressed facial detail, while 1536×1024 (384×512
/// panels) was "substantially more usable per sub-panel" and is the recommended canvas for 8 beats.
/// </para>
/// </remarks>
public sealed class CompositeLayout
{
    /// <summary>
    /// The most panels in one composite: the coherence ceiling the seed measured on gpt-image-2
    /// (<see cref="ImageModelCapabilities.CoherenceCeiling"/>). 8 panels held one identity; more is refused.
    /// </summary>
    public const int MaxPanels = 8;

    /// <summary>
    /// The shortest panel edge, in pixels, below which <see cref="Warnings"/> reports panels as too small for
    /// fine facial detail: 384, the shorter edge of the seed's recommended 1536×1024 storyboard panels.
    /// </summary>
    public const int UsefulPanelEdge = 384;

    internal CompositeLayout(int rows, int columns, ImageSize canvas, int gutterPixels, CompositePanel[] panels, ImageSize panelSize, string[] warnings)
    {
        Rows = rows;
        Columns = columns;
        Canvas = canvas;
        GutterPixels = gutterPixels;
        Panels = Array.AsReadOnly(panels);
        PanelSize = panelSize;
        Warnings = Array.AsReadOnly(warnings);
    }

    /// <summary>The number of rows (rendered as <c>"rows"</c>).</summary>
    public int Rows { get; }

    /// <summary>The number of columns (rendered as <c>"columns"</c>).</summary>
    public int Columns { get; }

    /// <summary>The size of the whole composite image (rendered as <c>"canvas"</c>, <c>WxH</c>); the request's size.</summary>
    public ImageSize Canvas { get; }

    /// <summary>The space between neighbouring panels, in pixels (rendered as <c>"gutter_pixels"</c>).</summary>
    /// <value>Default 0: panels meet edge to edge.</value>
    public int GutterPixels { get; }

    /// <summary>The panels in reading order (left to right, top to bottom), one per beat.</summary>
    public IReadOnlyList<CompositePanel> Panels { get; }

    /// <summary>
    /// The size of the smallest panel (rendered as <c>"panel_size"</c>); every panel has this size when the canvas
    /// divides evenly, otherwise some are one pixel wider or taller.
    /// </summary>
    public ImageSize PanelSize { get; }

    /// <summary>Advice that does not stop the composite: panels under <see cref="UsefulPanelEdge"/>, an experimental canvas. Empty when there is none.</summary>
    public IReadOnlyList<string> Warnings { get; }

    /// <summary>Splits a length into <paramref name="count"/> spans separated by gutters; the remainder goes to the first spans.</summary>
    internal static (int Offset, int Length)[] Spans(int total, int count, int gutter)
    {
        var available = total - (gutter * (count - 1));
        var length = available / count;
        var remainder = available % count;
        var spans = new (int, int)[count];
        var offset = 0;
        for (var i = 0; i < count; i++)
        {
            var span = length + (i < remainder ? 1 : 0);
            spans[i] = (offset, span);
            offset += span + gutter;
        }

        return spans;
    }

    /// <summary><c>panel_top_left</c>… for a 2×2 grid (the seed's canonical names), otherwise <c>panel_1</c>… in reading order.</summary>
    internal static string PanelName(int rows, int columns, int index) => (rows, columns) == (2, 2)
        ? index switch
        {
            0 => "panel_top_left",
            1 => "panel_top_right",
            2 => "panel_bottom_left",
            _ => "panel_bottom_right",
        }
        : string.Create(CultureInfo.InvariantCulture, $"panel_{index + 1}");
}
