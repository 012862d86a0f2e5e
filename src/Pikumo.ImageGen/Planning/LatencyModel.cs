namespace Pikumo.ImageGen.Planning;

/// <summary>
/// How long one call takes. The measured figures are the seed's, on Azure gpt-image-2 at low quality with one
/// high-fidelity reference: n=1 39.0 s, n=4 41.3 s, a 2×2 composite 48.3 s, 2×4 storyboards 47.0 s at 1024×1024 and
/// 45.2 s at 1536×1024. Other calls move from the nearest measurement by what they make and read: output image
/// tokens above the measured low-quality image (<see cref="PerThousandOutputTokens"/>, so quality and size count),
/// input image tokens of references beyond the first (<see cref="PerThousandReferenceTokens"/>), and a share of one
/// call per extra image (n variants run side by side on the server). The planner and the simulator use this one
/// model, so a simulated run takes what its plan says. Override per provider as you measure your own.
/// </summary>
public sealed record LatencyModel
{
    /// <summary>The seed's figures, without variation.</summary>
    public static LatencyModel Seed { get; } = new();

    /// <summary>The seed's figures with provider-like variation: a call's p95 is 1.3 × its median.</summary>
    public static LatencyModel ProviderLike { get; } = new() { P95OverMedian = 1.3 };

    /// <summary>One image, one scene.</summary>
    public TimeSpan SingleImage { get; init; } = TimeSpan.FromSeconds(39.0);

    /// <summary>Four images (n=4) of one scene in one call: each image beyond the first adds a third of the difference to <see cref="SingleImage"/>, as a share of the call's time.</summary>
    public TimeSpan FourImages { get; init; } = TimeSpan.FromSeconds(41.3);

    /// <summary>A 2×2 composite on a square canvas (any composite of 2–4 panels).</summary>
    public TimeSpan Composite2x2 { get; init; } = TimeSpan.FromSeconds(48.3);

    /// <summary>A 2×4 storyboard on a square canvas (any composite of 5 or more panels at 1024×1024).</summary>
    public TimeSpan StoryboardSquare { get; init; } = TimeSpan.FromSeconds(47.0);

    /// <summary>A 2×4 storyboard on a 1536×1024 canvas; other canvases are interpolated by pixel count between this and <see cref="StoryboardSquare"/>, and clamped.</summary>
    public TimeSpan StoryboardWide { get; init; } = TimeSpan.FromSeconds(45.2);

    /// <summary>
    /// Time per 1,000 output image tokens above those of a low-quality image of the same size (the seed measured low
    /// quality only, and found the canvas size made no difference there: 47.0 s at 1024×1024, 45.2 s at 1536×1024).
    /// Not measured by the seed: 9 s puts a high-quality
    /// gpt-image-2 image at about 100 s at 1024×1024 and 130 s at 1024×1536, in line with users' reports of high
    /// quality taking over two minutes (<c>shared/api/pitfalls.md</c> #2) and medium at about 53 s.
    /// </summary>
    /// <value>Default 9 s.</value>
    public TimeSpan PerThousandOutputTokens { get; init; } = TimeSpan.FromSeconds(9);

    /// <summary>
    /// Time per 1,000 input image tokens of each reference beyond the first (the measured calls had one). Not
    /// measured: 0.2 s makes a second high-fidelity gpt-image-2 reference (7,270 tokens) add about 1.5 s.
    /// </summary>
    /// <value>Default 0.2 s.</value>
    public TimeSpan PerThousandReferenceTokens { get; init; } = TimeSpan.FromSeconds(0.2);

    /// <summary>
    /// The spread of a call's time around its median: the ratio of the 95th percentile to the median of a
    /// log-normal distribution. 1 means every call takes exactly its estimate. The planner plans a wave of
    /// parallel calls at the expected slowest of them; the simulator draws each call's time from it (seeded).
    /// </summary>
    /// <value>Default 1 (no variation); <see cref="ProviderLike"/> uses 1.3.</value>
    public double P95OverMedian { get; init; } = 1.0;

    /// <summary>The latency of a call making <paramref name="count"/> single images at the measured quality and size.</summary>
    /// <param name="count">Images in the call (<c>n</c>).</param>
    /// <returns>The wall-clock estimate.</returns>
    public TimeSpan SingleCall(int count = 1) => SingleImage * ImagesFactor(count);

    /// <summary>The latency of one composite call at the measured quality.</summary>
    /// <param name="panels">Panels in the grid.</param>
    /// <param name="canvas">The canvas.</param>
    /// <returns>The wall-clock estimate: 2×2-sized grids take the 2×2 figure, larger ones the storyboard figure for the canvas.</returns>
    public TimeSpan CompositeCall(int panels, ImageSize canvas) => Measured(panels, canvas);

    /// <summary>The median latency of a call of this shape.</summary>
    /// <param name="shape">The call.</param>
    /// <param name="tokens">The model's token counts; gpt-image-2's when <see langword="null"/>.</param>
    /// <returns>The wall-clock estimate (never below a tenth of the measured figure).</returns>
    public TimeSpan Estimate(ImageCallShape shape, ImageTokenModel? tokens = null)
    {
        ArgumentNullException.ThrowIfNull(shape);
        tokens ??= ImageTokenModel.GptImage2;
        var measured = Measured(shape.Panels, shape.Size);
        var measuredTokens = tokens.OutputTokensPerImage(ImageQuality.Low, shape.Size);
        var outputDelta = tokens.OutputTokensPerImage(shape.Quality, shape.Size) - measuredTokens;
        var extraReferences = Math.Max(0, shape.References - 1) * tokens.ReferenceTokensAt(shape.InputFidelity);
        var one = measured + (PerThousandOutputTokens * (outputDelta / 1000.0)) + (PerThousandReferenceTokens * (extraReferences / 1000.0));
        var floor = measured / 10;
        return (one < floor ? floor : one) * ImagesFactor(shape.Count);
    }

    /// <summary>
    /// How much longer than the median the slowest of <paramref name="parallel"/> calls takes on average, under
    /// <see cref="P95OverMedian"/>: 1 for no variation; at 1.3, about 1.01 for one call and 1.26 for eight.
    /// </summary>
    /// <param name="parallel">Calls running side by side.</param>
    /// <returns>The factor.</returns>
    public double ExpectedSlowestFactor(int parallel) => LatencySpread.ExpectedMaxFactor(Sigma, Math.Max(1, parallel));

    /// <summary>One call's time drawn around its median under <see cref="P95OverMedian"/> (the simulator's variation).</summary>
    /// <param name="median">The call's estimate.</param>
    /// <param name="random">The source of randomness; seed it for repeatable runs.</param>
    /// <returns>The median itself when there is no variation, else a log-normal draw.</returns>
    public TimeSpan Vary(TimeSpan median, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Sigma <= 0 ? median : median * LatencySpread.Draw(Sigma, 1 - random.NextDouble(), random.NextDouble());
    }

    /// <summary>The log-normal σ that gives <see cref="P95OverMedian"/>.</summary>
    internal double Sigma => P95OverMedian <= 1 ? 0 : Math.Log(P95OverMedian) / LatencySpread.Z95;

    private double ImagesFactor(int count) =>
        1 + ((FourImages - SingleImage) / (3 * SingleImage) * Math.Max(0, count - 1));

    private TimeSpan Measured(int panels, ImageSize canvas)
    {
        if (panels <= 1)
        {
            return SingleImage;
        }

        if (panels <= 4)
        {
            return Composite2x2;
        }

        var pixels = canvas.IsAuto ? 1024.0 * 1024 : canvas.PixelCount;
        var t = Math.Clamp((pixels - (1024.0 * 1024)) / ((1536.0 * 1024) - (1024.0 * 1024)), 0, 1);
        return StoryboardSquare + ((StoryboardWide - StoryboardSquare) * t);
    }
}
