using System.Text.RegularExpressions;
using Pikumo.ImageGen.Specs;

namespace Pikumo.ImageGen.Tests.Specs;

/// <summary><c>docs/prompt-specs.md</c> shows the real output: its pasted prompts and geometry table match the code.</summary>
public sealed partial class PromptSpecDocsTests
{
    private static readonly string Docs = File.ReadAllText(Path.Combine(GoldenFile.RepositoryRoot, "docs", "prompt-specs.md")).ReplaceLineEndings("\n");

    [Fact]
    public void Docs_PastedPrompts_MatchTheirGoldenFiles()
    {
        var blocks = GoldenBlock().Matches(Docs);

        Assert.NotEmpty(blocks);
        foreach (Match block in blocks)
        {
            var name = block.Groups["name"].Value;
            Assert.True(SeedSpecs.Golden.ContainsKey(name), $"docs paste an unknown golden file {name}");
            Assert.Equal(SeedSpecs.Golden[name]().Render(), block.Groups["json"].Value);
        }

        Assert.Contains(blocks, b => b.Groups["name"].Value.StartsWith("mode-e", StringComparison.Ordinal));
    }

    [Fact]
    public void Docs_GeometryTable_MatchesTheLayouts()
    {
        var rows = GeometryRow().Matches(Docs);

        Assert.True(rows.Count >= 20, $"only {rows.Count} geometry rows found");
        foreach (Match row in rows)
        {
            var rowsCount = int.Parse(row.Groups["rows"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var columns = int.Parse(row.Groups["columns"].Value, System.Globalization.CultureInfo.InvariantCulture);
            var layout = new CompositeLayoutBuilder(rowsCount, columns, ImageSize.Parse(row.Groups["canvas"].Value))
                .AddBeats(Enumerable.Range(1, rowsCount * columns).Select(i => new Scene($"beat {i}")))
                .Build();

            var widths = layout.Panels.Select(p => p.Bounds.Width).ToList();
            var heights = layout.Panels.Select(p => p.Bounds.Height).ToList();
            Assert.Equal($"{Range(widths)}×{Range(heights)}", row.Groups["panels"].Value);
            Assert.Equal(row.Groups["warning"].Value == "yes", layout.Warnings.Count > 0);
        }
    }

    private static string Range(List<int> values) => values.Min() == values.Max() ? $"{values.Min()}" : $"{values.Min()}–{values.Max()}";

    [GeneratedRegex("<!-- golden: (?<name>\\S+) -->\n```json\n(?<json>.*?)\n```", RegexOptions.Singleline)]
    private static partial Regex GoldenBlock();

    [GeneratedRegex("^\\| (?<canvas>\\d+x\\d+) \\| (?<rows>\\d)×(?<columns>\\d) \\| (?<panels>\\S+) \\| (?<warning>yes|no) \\|$", RegexOptions.Multiline)]
    private static partial Regex GeometryRow();
}
