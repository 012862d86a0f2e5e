namespace Pikumo.ImageGen.Planning;

/// <summary>
/// How long one call takes, by kind. The defaults are the seed's measurements on Azure gpt-image-2 at low quality
/// with one high-fidelity reference: n=1 39.0 s, n=4 41.3 s (about +0.77 s per extra image), a 2×2 composite 48.3 s,
/// 2×4 storyboards 47.0 s at 1024×1024 and 45.2 s at 1536×1024. Override per provider as you measure your own.
/// </summary>
public sealed record LatencyModel
{
    /// <summary>The seed's figures.</summary>
    public static LatencyModel Seed { get; } = new();

    /// <summary>One image, one scene.</summary>
    public TimeSpan SingleImage { get; init; } = TimeSpan.FromSeconds(39.0);

    /// <summary>Four images (n=4) of one scene in one call; other counts lie on the line through this and <see cref="SingleImage"/> (n variants are sampled in parallel server-side, so each adds little).</summary>
    public TimeSpan FourImages { get; init; } = TimeSpan.FromSeconds(41.3);

    /// <summary>A 2×2 composite on a square canvas.</summary>
    public TimeSpan Composite2x2 { get; init; } = TimeSpan.FromSeconds(48.3);

    /// <summary>A 2×4 storyboard on a square canvas.</summary>
    public TimeSpan StoryboardSquare { get; init; } = TimeSpan.FromSeconds(47.0);

    /// <summary>A 2×4 storyboard on a 1536×1024 (or other landscape/portrait) canvas.</summary>
    public TimeSpan StoryboardWide { get; init; } = TimeSpan.FromSeconds(45.2);

    /// <summary>The latency of a call making <paramref name="count"/> single images.</summary>
    /// <param name="count">Images in the call (<c>n</c>).</param>
    /// <returns>The wall-clock estimate.</returns>
    public TimeSpan SingleCall(int count = 1) => SingleImage + ((FourImages - SingleImage) * Math.Max(0, count - 1) / 3);

    /// <summary>The latency of one composite call.</summary>
    /// <param name="panels">Panels in the grid.</param>
    /// <param name="canvas">The canvas.</param>
    /// <returns>The wall-clock estimate: 2×2-sized grids take the 2×2 figure, larger ones the storyboard figure for the canvas.</returns>
    public TimeSpan CompositeCall(int panels, ImageSize canvas) =>
        panels <= 4 ? Composite2x2 : canvas.Width == canvas.Height ? StoryboardSquare : StoryboardWide;
}
