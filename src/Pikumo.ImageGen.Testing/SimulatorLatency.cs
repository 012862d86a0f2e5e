namespace Pikumo.ImageGen.Testing;

/// <summary>
/// How long a simulated call takes at scale 1, from Pikumo's own measurements of Azure gpt-image-2
/// <c>/images/edits</c> (quality low, one reference at high input fidelity): n=1 39.0 s, n=4 41.3 s, a 2×2
/// composite 48.3 s, a 2×4 storyboard 47.0 s at 1024×1024 and 45.2 s at 1536×1024. Quality and provider do not
/// change the figure (nothing was measured for them). Scaled by <see cref="SimulatorOptions.LatencyScale"/>.
/// The defaults are the planner's (<see cref="Planning.LatencyModel.Seed"/>), so a simulated run and its plan agree.
/// </summary>
public sealed class SimulatorLatency
{
    /// <summary>One image of one scene.</summary>
    /// <value>Default 39.0 s.</value>
    public TimeSpan SingleImage { get; set; } = Planning.LatencyModel.Seed.SingleImage;

    /// <summary>Four images (n=4) of one scene in one call; other counts are interpolated on the line through this and <see cref="SingleImage"/>.</summary>
    /// <value>Default 41.3 s.</value>
    public TimeSpan FourImages { get; set; } = Planning.LatencyModel.Seed.FourImages;

    /// <summary>A composite of 2 to 4 panels (the measured 2×2).</summary>
    /// <value>Default 48.3 s.</value>
    public TimeSpan Composite2x2 { get; set; } = Planning.LatencyModel.Seed.Composite2x2;

    /// <summary>A composite of 5 or more panels at 1024×1024 (the measured 2×4 storyboard).</summary>
    /// <value>Default 47.0 s.</value>
    public TimeSpan Storyboard1024 { get; set; } = Planning.LatencyModel.Seed.StoryboardSquare;

    /// <summary>A composite of 5 or more panels at 1536×1024; other sizes are interpolated by pixel count between this and <see cref="Storyboard1024"/>, and clamped.</summary>
    /// <value>Default 45.2 s.</value>
    public TimeSpan Storyboard1536x1024 { get; set; } = Planning.LatencyModel.Seed.StoryboardWide;

    /// <summary>The unscaled time of a call.</summary>
    /// <param name="count">Images asked for (<c>n</c>, fal's <c>num_images</c>), at least 1.</param>
    /// <param name="panels">Panels in the prompt's composite layout; 1 for a single scene or plain text.</param>
    /// <param name="size">The output size; <see cref="ImageSize.Auto"/> counts as 1024×1024.</param>
    /// <returns>The time the real service took for such a call.</returns>
    public TimeSpan Estimate(int count, int panels, ImageSize size)
    {
        var perExtraImage = (FourImages - SingleImage) / 3;
        TimeSpan first;
        if (panels <= 1)
        {
            first = SingleImage;
        }
        else if (panels <= 4)
        {
            first = Composite2x2;
        }
        else
        {
            var pixels = size.IsAuto ? 1024.0 * 1024 : size.PixelCount;
            var t = Math.Clamp((pixels - (1024.0 * 1024)) / ((1536.0 * 1024) - (1024.0 * 1024)), 0, 1);
            first = Storyboard1024 + ((Storyboard1536x1024 - Storyboard1024) * t);
        }

        var total = first + (perExtraImage * (Math.Max(1, count) - 1));
        return total < TimeSpan.Zero ? TimeSpan.Zero : total;
    }
}
