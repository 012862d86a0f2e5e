using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Pikumo.ImageGen.Benchmarks.Infrastructure;

namespace Pikumo.ImageGen.Benchmarks;

/// <summary>
/// Allocated bytes per call divided by the decoded image bytes the call returns: 1.00 means the call allocated
/// nothing beyond the images themselves. Shown for benchmarks with <c>N</c> and <c>Size</c> parameters.
/// </summary>
internal sealed class AllocatedPerDecodedColumn : IColumn
{
    public string Id => nameof(AllocatedPerDecodedColumn);

    public string ColumnName => "Alloc/Decoded";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Allocated bytes per call / decoded image bytes returned by the call (1.00 = only the images)";

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(Applies);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        if (!Applies(benchmarkCase) || summary[benchmarkCase] is not { } report)
        {
            return "-";
        }

        var allocated = report.GcStats.GetBytesAllocatedPerOperation(benchmarkCase);
        if (allocated is null)
        {
            return "?";
        }

        var decoded = benchmarkCase.Descriptor.Type == typeof(StreamingParseBenchmarks)
            ? StreamingParseBenchmarks.Images().Sum(i => (long)i.Length)
            : Payloads.DecodedBytes((int)benchmarkCase.Parameters["N"], BenchmarkClients.ParseSize((string)benchmarkCase.Parameters["Size"]));
        return ((double)allocated.Value / decoded).ToString("0.00", CultureInfo.InvariantCulture);
    }

    private static bool Applies(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Parameters.Items.Any(p => p.Name == "N") && benchmarkCase.Parameters.Items.Any(p => p.Name == "Size");
}
