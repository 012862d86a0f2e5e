namespace Pikumo.ImageGen.Specs;

/// <summary>
/// One panel of a composite: where it sits in the grid, its rectangle on the canvas and the beat it shows.
/// <see cref="Index"/>, <see cref="Row"/> and <see cref="Column"/> are zero-based; <see cref="Name"/> is the
/// name the prompt uses (<c>panel_top_left</c>… for 2×2, otherwise <c>panel_1</c>… in reading order).
/// </summary>
/// <param name="Index">The zero-based position in reading order (left to right, top to bottom).</param>
/// <param name="Name">The name the prompt uses (rendered as <c>"name"</c>).</param>
/// <param name="Row">The zero-based row, top first.</param>
/// <param name="Column">The zero-based column, left first.</param>
/// <param name="Bounds">The panel's rectangle on the canvas, in pixels: what to crop to slice the composite.</param>
/// <param name="Beat">What the panel shows (rendered as <c>"beat"</c> and, when set, <c>"setting"</c>, <c>"time_of_day"</c>, <c>"camera"</c>).</param>
public sealed record CompositePanel(int Index, string Name, int Row, int Column, PixelRect Bounds, Scene Beat);
