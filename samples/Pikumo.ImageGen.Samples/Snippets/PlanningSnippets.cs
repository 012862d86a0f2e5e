using Pikumo.ImageGen.Planning;
using Pikumo.ImageGen.Testing;

namespace Pikumo.ImageGen.Samples.Snippets;

/// <summary>Code shown in docs/planning.md and docs/performance.md; compiled, not run as a sample.</summary>
internal static class PlanningSnippets
{
    public static TierPlan PlanOneCall(ImageGenClient client, ImageInput photo)
    {
        #region plan-call
        var request = new ImageEditRequest("Mia drinks her morning coffee by the kitchen window", photo)
        {
            Count = 4, Quality = ImageQuality.Low, InputFidelity = InputFidelity.High,
        };
        TierPlan call = new SequencePlanner(client.Options.Prices).PlanCall(request, client.ProviderName);
        Console.WriteLine(call);   // 1 calls, 4 images, $0.082, 41.3 s: the reference is billed once, not per image
        #endregion
        return call;
    }

    public static SequencePlanner ProviderLikeLatency()
    {
        #region simulator-latency-variation
        var options = new SimulatorOptions { Seed = 7, LatencyScale = 1 };
        options.Latency.P95OverMedian = SimulatorLatency.ProviderLikeP95OverMedian;   // each call: p95 = 1.3 × median, seeded
        var simulator = new ImageGenSimulator(options);
        var planner = new SequencePlanner(latency: options.Latency.Model);            // plans each wave at its expected slowest call
        #endregion
        _ = simulator;
        return planner;
    }
}
