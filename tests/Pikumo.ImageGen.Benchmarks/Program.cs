using BenchmarkDotNet.Running;
using Pikumo.ImageGen.Benchmarks.Modes;

namespace Pikumo.ImageGen.Benchmarks;

/// <summary>
/// BenchmarkDotNet benchmarks by default (<c>--filter</c>, <c>--job short</c>, …); console modes by first argument:
/// <c>sequence</c>, <c>load</c>, <c>partial</c>, <c>sequence-partials</c>, <c>interleaved</c>, <c>memory</c>, <c>payloads</c>. See docs/performance.md.
/// </summary>
internal static class Program
{
    private static int Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "sequence":
                return SequenceMode.Run(args[1..]);
            case "load":
                return LoadMode.Run(args[1..]);
            case "partial":
                return PartialMode.Run(args[1..]);
            case "sequence-partials":
                return SequencePartialsMode.Run(args[1..]);
            case "interleaved":
                return InterleavedMode.Run(args[1..]);
            case "memory":
                return InFlightMemoryMode.Run(args[1..]);
            case "memory-child":
                return InFlightMemoryMode.RunChild(args[1..]);
            case "payloads":
                return PayloadsMode.Run();
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, BenchmarkConfig.Create());
                return 0;
        }
    }
}
