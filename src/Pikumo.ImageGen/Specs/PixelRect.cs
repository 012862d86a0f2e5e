namespace Pikumo.ImageGen.Specs;

/// <summary>A rectangle in pixels, origin at the top-left corner of the canvas, x to the right, y down.</summary>
/// <param name="X">The left edge.</param>
/// <param name="Y">The top edge.</param>
/// <param name="Width">The width in pixels.</param>
/// <param name="Height">The height in pixels.</param>
public readonly record struct PixelRect(int X, int Y, int Width, int Height);
