using System.Globalization;

namespace Pikumo.ImageGen.Samples;

/// <summary>The summary table every sample ends with.</summary>
public sealed class Report(TextWriter output)
{
    private readonly List<(string Step, int Calls, int Images, decimal? Cost, TimeSpan Time)> _rows = [];

    /// <summary>Adds a row for one call.</summary>
    public void Add(string step, ImageResult result) =>
        _rows.Add((step, 1, result.Images.Count, result.Cost?.Usd, result.Elapsed));

    /// <summary>Adds a row.</summary>
    public void Add(string step, int calls, int images, decimal? cost, TimeSpan time) => _rows.Add((step, calls, images, cost, time));

    /// <summary>Writes the table and where the files are.</summary>
    public void Write(string files)
    {
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"step",-34} {"calls",5} {"images",6} {"cost USD",9} {"time",9}"));
        foreach (var (step, calls, images, cost, time) in _rows)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{step,-34} {calls,5} {images,6} {(cost is { } c ? c.ToString("0.000", CultureInfo.InvariantCulture) : "-"),9} {time.TotalSeconds,8:0.0}s"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"total",-34} {_rows.Sum(r => r.Calls),5} {_rows.Sum(r => r.Images),6} {_rows.Sum(r => r.Cost ?? 0),9:0.000} {_rows.Aggregate(TimeSpan.Zero, (t, r) => t + r.Time).TotalSeconds,8:0.0}s"));
        output.WriteLine($"files: {files}");
    }
}
