#region simulator-latency-variation
using Pikumo.ImageGen.Planning;
using Pikumo.ImageGen.Testing;

var options = new SimulatorOptions { Seed = 7, LatencyScale = 1 };
options.Latency.P95OverMedian = SimulatorLatency.ProviderLikeP95OverMedian;   // each call: p95 = 1.3 × median, seeded
var simulator = new ImageGenSimulator(options);
var planner = new SequencePlanner(latency: options.Latency.Model);            // plans each wave at its expected slowest call
#endregion
