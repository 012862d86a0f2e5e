using BenchmarkDotNet.Attributes;
using Pikumo.ImageGen.Planning;
using Pikumo.ImageGen.Sequences;
using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Benchmarks;

/// <summary>Planning (cost and wall clock of both tiers) and chunking a 1,000-beat sequence: pure CPU, before any call.</summary>
[MemoryDiagnoser]
[BenchmarkCategory("sequences")]
public class PlanningBenchmarks
{
    private readonly SequencePlanner _planner = new();
    private SequenceRequest _request = null!;

    [GlobalSetup]
    public void Setup() => _request = new SequenceRequest(
        new PromptSpecBuilder().AddSubject("Mia", IdentityLock.Production).WithStyle(ImageStyle.Dreamscape),
        Enumerable.Range(1, 1000).Select(i => new Scene($"beat number {i}")),
        [ImageInput.FromBytes(Infrastructure.Payloads.NoisePng(64, 64, seed: 1))]);

    [Benchmark(Description = "plan 1,000 beats (both tiers)")]
    public SequencePlan Plan() => _planner.Plan(_request);

    [Benchmark(Description = "split 1,000 beats into chunks of 8")]
    public IReadOnlyList<(int Start, int Count)> Split() => SequenceChunks.Split(1000, 8);
}
