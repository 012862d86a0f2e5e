using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;

namespace Pikumo.ImageGen.Benchmarks;

/// <summary>
/// Every benchmark with the memory diagnoser and Alloc/Decoded; Mean, StdDev and Median (this machine is shared,
/// so the median is the steadier figure); one summary table for the whole run, with ratios only
/// within a category and its parameters (each has its own baseline).
/// </summary>
internal static class BenchmarkConfig
{
    public static IConfig Create() => DefaultConfig.Instance
        .AddDiagnoser(MemoryDiagnoser.Default)
        .AddColumn(new AllocatedPerDecodedColumn())
        .AddColumn(StatisticColumn.Median)
        .HideColumns(Column.Error, Column.Gen0, Column.Gen1, Column.Gen2, Column.RatioSD, Column.AllocRatio)
        .AddLogicalGroupRules(BenchmarkLogicalGroupRule.ByCategory, BenchmarkLogicalGroupRule.ByParams)
        .WithOptions(ConfigOptions.JoinSummary);
}
