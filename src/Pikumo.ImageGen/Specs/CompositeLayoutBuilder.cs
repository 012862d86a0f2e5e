using System.Globalization;

namespace Pikumo.ImageGen.Specs;

/// <summary>
/// Builds a <see cref="CompositeLayout"/>: a grid of at most <see cref="CompositeLayout.MaxPanels"/> panels on a
/// canvas the model accepts, and one beat per panel in reading order. Not thread-safe; <see cref="Build"/> returns an
/// immutable layout.
/// </summary>
/// <example>
/// <code>
/// var storyboard = new CompositeLayoutBuilder(rows: 2, columns: 4, ImageSize.Landscape1536x1024)
///     .AddBeats("early-morning bedroom", "coffee", "train commute", "cafe lunch",
///               "afternoon reading", "midday park", "dinner cooking", "dusk balcony")
///     .Build();   // 8 panels of 384×512
/// </code>
/// </example>
public sealed class CompositeLayoutBuilder
{
    private readonly int _rows;
    private readonly int _columns;
    private readonly ImageSize _canvas;
    private readonly ImageSizeRules _sizeRules;
    private readonly List<Scene> _beats = [];
    private int _gutterPixels;

    /// <summary>Starts a layout.</summary>
    /// <param name="rows">The number of rows, at least 1.</param>
    /// <param name="columns">The number of columns, at least 1; rows × columns at most <see cref="CompositeLayout.MaxPanels"/>.</param>
    /// <param name="canvas">The size of the composite: 1024×1024, 1536×1024, 1024×1536, or a size <paramref name="sizeRules"/> accepts; not <c>auto</c>.</param>
    /// <param name="sizeRules">The sizes the model accepts; <see langword="null"/> for <see cref="ImageSizeRules.GptImage2"/> (flexible sizes allowed).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="rows"/> or <paramref name="columns"/> is under 1, or the grid has more than 8 panels (<see cref="ArgumentException.ParamName"/> is <c>columns</c>).</exception>
    /// <exception cref="ArgumentException"><paramref name="canvas"/> is <c>auto</c> or not accepted by <paramref name="sizeRules"/>.</exception>
    public CompositeLayoutBuilder(int rows, int columns, ImageSize canvas, ImageSizeRules? sizeRules = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, 1);
        if (rows * columns > CompositeLayout.MaxPanels)
        {
            throw new ArgumentOutOfRangeException(
                nameof(columns),
                columns,
                Invariant($"{rows} rows × {columns} columns make {rows * columns} panels; a composite holds at most {CompositeLayout.MaxPanels} (the coherence ceiling). Split longer sequences into chunks."));
        }

        _sizeRules = sizeRules ?? ImageSizeRules.GptImage2;
        if (canvas.IsAuto)
        {
            throw new ArgumentException("A composite needs a fixed canvas size to place its panels, not 'auto'.", nameof(canvas));
        }

        if (_sizeRules.Check(canvas) is { } broken)
        {
            throw new ArgumentException($"The canvas {canvas} is not a size the model accepts: {broken}.", nameof(canvas));
        }

        _rows = rows;
        _columns = columns;
        _canvas = canvas;
    }

    /// <summary>The number of panels: rows × columns; <see cref="Build"/> needs exactly this many beats.</summary>
    public int PanelCount => _rows * _columns;

    /// <summary>Sets the space between neighbouring panels.</summary>
    /// <param name="gutterPixels">Pixels between panels, 0 or more, small enough to leave every panel at least 1 pixel.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="gutterPixels"/> is negative or leaves no room for the panels.</exception>
    public CompositeLayoutBuilder WithGutter(int gutterPixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(gutterPixels);
        if (_canvas.Width - (gutterPixels * (_columns - 1)) < _columns || _canvas.Height - (gutterPixels * (_rows - 1)) < _rows)
        {
            throw new ArgumentOutOfRangeException(nameof(gutterPixels), gutterPixels, Invariant($"Gutters of {gutterPixels} px leave no room for {_rows} × {_columns} panels on {_canvas}."));
        }

        _gutterPixels = gutterPixels;
        return this;
    }

    /// <summary>Adds the beat of the next panel in reading order.</summary>
    /// <param name="beat">What the panel shows; text converts to a <see cref="Scene"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="beat"/> is null.</exception>
    /// <exception cref="ArgumentException">Every panel has a beat already.</exception>
    public CompositeLayoutBuilder AddBeat(Scene beat)
    {
        ArgumentNullException.ThrowIfNull(beat);
        if (_beats.Count == PanelCount)
        {
            throw TooManyBeats(_beats.Count + 1, nameof(beat));
        }

        _beats.Add(beat);
        return this;
    }

    /// <summary>Adds the beats of the next panels in reading order.</summary>
    /// <param name="beats">What the panels show; text converts to <see cref="Scene"/>s.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="beats"/> or one of its items is null.</exception>
    /// <exception cref="ArgumentException">There are more beats than free panels; nothing is added.</exception>
    public CompositeLayoutBuilder AddBeats(params IEnumerable<Scene> beats)
    {
        ArgumentNullException.ThrowIfNull(beats);
        var list = beats.ToList();
        if (list.Any(b => b is null))
        {
            throw new ArgumentNullException(nameof(beats), "A beat is null.");
        }

        if (_beats.Count + list.Count > PanelCount)
        {
            throw TooManyBeats(_beats.Count + list.Count, nameof(beats));
        }

        _beats.AddRange(list);
        return this;
    }

    /// <summary>Creates the layout: panel names, rectangles and warnings.</summary>
    /// <returns>An immutable layout.</returns>
    /// <exception cref="InvalidOperationException">Some panels have no beat.</exception>
    public CompositeLayout Build()
    {
        if (_beats.Count != PanelCount)
        {
            throw new InvalidOperationException(Invariant(
                $"The {_rows}×{_columns} layout has {PanelCount} panels but {_beats.Count} beats; give every panel a beat or choose a smaller grid."));
        }

        var columns = CompositeLayout.Spans(_canvas.Width, _columns, _gutterPixels);
        var rows = CompositeLayout.Spans(_canvas.Height, _rows, _gutterPixels);
        var panels = new CompositePanel[PanelCount];
        for (var index = 0; index < panels.Length; index++)
        {
            var (row, column) = Math.DivRem(index, _columns);
            panels[index] = new CompositePanel(
                index,
                CompositeLayout.PanelName(_rows, _columns, index),
                row,
                column,
                new PixelRect(columns[column].Offset, rows[row].Offset, columns[column].Length, rows[row].Length),
                _beats[index]);
        }

        var panelSize = new ImageSize(columns[^1].Length, rows[^1].Length);
        return new CompositeLayout(_rows, _columns, _canvas, _gutterPixels, panels, panelSize, [.. Warnings(panelSize)]);
    }

    private IEnumerable<string> Warnings(ImageSize panelSize)
    {
        if (Math.Min(panelSize.Width, panelSize.Height) < CompositeLayout.UsefulPanelEdge)
        {
            yield return Invariant(
                $"Panels are {panelSize} on a {_canvas} canvas: their shorter edge is under {CompositeLayout.UsefulPanelEdge} px, so faces lose fine detail (the seed's 1024x1024 storyboard had 256x512 panels). Use a larger canvas, such as 1536x1024 for 2×4, or fewer panels.");
        }

        if (_sizeRules.IsExperimental(_canvas))
        {
            yield return Invariant(
                $"The canvas {_canvas} is above {_sizeRules.ExperimentalAbovePixels:N0} pixels: the model accepts it, but results are experimental.");
        }
    }

    private ArgumentException TooManyBeats(int beats, string paramName) => new(
        Invariant($"The {_rows}×{_columns} layout has {PanelCount} panels; {beats} beats do not fit. Use a larger grid (at most {CompositeLayout.MaxPanels} panels) or split the beats into chunks."),
        paramName);

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
