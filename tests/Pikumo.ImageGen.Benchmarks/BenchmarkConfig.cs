using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace Pikumo.ImageGen.Benchmarks;

internal static class BenchmarkConfig
{
    public static IConfig Create() => DefaultConfig.Instance
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddColumn(new AllocatedPerDecodedColumn())
        .HideColumns(Column.Error, Column.StdDev, Column.Gen0, Column.Gen1, Column.Gen2, Column.RatioSD, Column.AllocRatio)
        .WithOptions(ConfigOptions.JoinSummary);
}
