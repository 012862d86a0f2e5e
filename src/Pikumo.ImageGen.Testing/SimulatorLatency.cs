using System.Collections.Concurrent;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Pikumo.ImageGen.Planning;

namespace Pikumo.ImageGen.Testing;

/// <summary>
/// How long a simulated call takes at scale 1: the planner's <see cref="LatencyModel"/> (<see cref="Model"/>), so a
/// simulated run takes what its plan says. At low quality with one reference these are Pikumo's own measurements of
/// Azure gpt-image-2 <c>/images/edits</c>: n=1 39.0 s, n=4 41.3 s, a 2×2 composite 48.3 s, a 2×4 storyboard 47.0 s
/// at 1024×1024 and 45.2 s at 1536×1024; higher quality, larger images and more references take longer, by the
/// model's token rates. Each call's time is drawn from a log-normal around that estimate (p95 = 1.3 × median by
/// default, <see cref="P95OverMedian"/>), seeded by <see cref="SimulatorOptions.Seed"/> and the request, so runs repeat
/// exactly whatever order the calls arrive in; set <see cref="P95OverMedian"/> to 1 for calls that take exactly their
/// estimate. Scaled by <see cref="SimulatorOptions.LatencyScale"/>.
/// </summary>
public sealed class SimulatorLatency
{
    /// <summary>A provider-like spread: the 95th percentile of a call's time is 1.3 × its median.</summary>
    public const double ProviderLikeP95OverMedian = 1.3;

    private readonly ConcurrentDictionary<string, int> _occurrences = new(StringComparer.Ordinal);

    /// <summary>The latency model: the seed's figures with a provider-like spread (<see cref="LatencyModel.ProviderLike"/>) unless set.</summary>
    public LatencyModel Model { get; set; } = LatencyModel.ProviderLike;

    /// <summary>One image of one scene.</summary>
    /// <value>Default 39.0 s.</value>
    public TimeSpan SingleImage { get => Model.SingleImage; set => Model = Model with { SingleImage = value }; }

    /// <summary>Four images (n=4) of one scene in one call; each image beyond the first adds a third of the difference to <see cref="SingleImage"/>, as a share of the call.</summary>
    /// <value>Default 41.3 s.</value>
    public TimeSpan FourImages { get => Model.FourImages; set => Model = Model with { FourImages = value }; }

    /// <summary>A composite of 2 to 4 panels (the measured 2×2).</summary>
    /// <value>Default 48.3 s.</value>
    public TimeSpan Composite2x2 { get => Model.Composite2x2; set => Model = Model with { Composite2x2 = value }; }

    /// <summary>A composite of 5 or more panels at 1024×1024 (the measured 2×4 storyboard).</summary>
    /// <value>Default 47.0 s.</value>
    public TimeSpan Storyboard1024 { get => Model.StoryboardSquare; set => Model = Model with { StoryboardSquare = value }; }

    /// <summary>A composite of 5 or more panels at 1536×1024; other sizes are interpolated by pixel count between this and <see cref="Storyboard1024"/>, and clamped.</summary>
    /// <value>Default 45.2 s.</value>
    public TimeSpan Storyboard1536x1024 { get => Model.StoryboardWide; set => Model = Model with { StoryboardWide = value }; }

    /// <summary>
    /// The spread of each call's time: the ratio of its 95th percentile to its median (log-normal). 1 makes every call
    /// take exactly its estimate, which tests that check schedules to the millisecond set.
    /// </summary>
    /// <value>Default <see cref="ProviderLikeP95OverMedian"/> (1.3, a provider-like tail); 1 for no variation. 1 or more.</value>
    public double P95OverMedian
    {
        get => Model.P95OverMedian;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1.0);
            Model = Model with { P95OverMedian = value };
        }
    }

    /// <summary>The unscaled median time of a low-quality call with one reference (the seed's measured settings).</summary>
    /// <param name="count">Images asked for (<c>n</c>, fal's <c>num_images</c>), at least 1.</param>
    /// <param name="panels">Panels in the prompt's composite layout; 1 for a single scene or plain text.</param>
    /// <param name="size">The output size; <see cref="ImageSize.Auto"/> counts as 1024×1024.</param>
    /// <returns>The time the real service took for such a call.</returns>
    public TimeSpan Estimate(int count, int panels, ImageSize size) =>
        Model.Estimate(new ImageCallShape { Count = Math.Max(1, count), Panels = panels, Size = size, Quality = ImageQuality.Low, References = 1, InputFidelity = InputFidelity.High });

    /// <summary>The unscaled median time of a call of any shape.</summary>
    /// <param name="shape">The call.</param>
    /// <param name="tokens">The model's token counts; gpt-image-2's when <see langword="null"/>.</param>
    /// <returns>The estimate.</returns>
    public TimeSpan Estimate(ImageCallShape shape, ImageTokenModel? tokens = null) => Model.Estimate(shape, tokens);

    /// <summary>
    /// One call's time: the median varied by a draw seeded from the simulator's seed, the request's identity and how
    /// many identical requests came before it (a retry draws anew).
    /// </summary>
    internal TimeSpan Vary(TimeSpan median, ulong seed, string identity)
    {
        var model = Model;
        if (model.P95OverMedian <= 1)
        {
            return median;
        }

        var occurrence = _occurrences.AddOrUpdate(identity, 0, (_, n) => n + 1);
        var bytes = Encoding.UTF8.GetBytes($"{seed}\n{occurrence}\n{identity}");
        var random = new Random(BinaryPrimitives.ReadInt32LittleEndian(SHA256.HashData(bytes)));
        return model.Vary(median, random);
    }
}
