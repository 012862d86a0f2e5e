using System.Text.RegularExpressions;

namespace Pikumo.ImageGen.Samples.Tests;

/// <summary>
/// Every code block a page marks with <c>&lt;!-- snippet: name --&gt;</c> is exactly the <c>#region name</c> of the
/// compiled samples: docs cannot show code that does not build, and cannot drift from it.
/// </summary>
public sealed partial class DocsSnippetTests
{
    private static readonly string Root = FindRoot();

    /// <summary>The repository's root folder (where Pikumo.ImageGen.sln is).</summary>
    public static string RepositoryRoot => Root;

    public static TheoryData<string> Pages => new(
        Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Append(Path.Combine(Root, "README.md")).Select(p => Path.GetRelativePath(Root, p)));

    [Theory]
    [MemberData(nameof(Pages))]
    public void Page_Snippets_MatchTheCompiledSampleCode(string page)
    {
        var text = File.ReadAllText(Path.Combine(Root, page)).ReplaceLineEndings("\n");
        var regions = Regions();
        foreach (Match marker in Marker().Matches(text))
        {
            var name = marker.Groups["name"].Value;
            Assert.True(regions.TryGetValue(name, out var code), $"{page}: no '#region {name}' in samples/");
            Assert.Equal(code, marker.Groups["code"].Value.TrimEnd('\n'));
        }
    }

    [Fact]
    public void Pages_QuoteEveryDocumentedRegion()
    {
        var quoted = Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Append(Path.Combine(Root, "README.md"))
            .SelectMany(p => Marker().Matches(File.ReadAllText(p).ReplaceLineEndings("\n")).Select(m => m.Groups["name"].Value))
            .ToHashSet();

        var unquoted = Regions().Keys.Where(name => !quoted.Contains(name)).ToArray();
        Assert.True(unquoted.Length == 0, "regions no page quotes: " + string.Join(", ", unquoted));
    }

    [Fact]
    public void Readme_TestCommand_IsTheOneCiRuns()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var command = Regex.Match(readme, "dotnet test[^`\n]*").Value;

        Assert.Equal("dotnet test --solution Pikumo.ImageGen.sln -c Release", command);
        Assert.Contains(command, File.ReadAllText(Path.Combine(Root, ".ci", "run")), StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Regions()
    {
        var regions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.GetFiles(Path.Combine(Root, "samples"), "*.cs", SearchOption.AllDirectories))
        {
            foreach (Match region in Region().Matches(File.ReadAllText(file).ReplaceLineEndings("\n")))
            {
                regions[region.Groups["name"].Value] = Dedent(region.Groups["code"].Value);
            }
        }

        return regions;
    }

    private static string Dedent(string code)
    {
        var lines = code.TrimEnd('\n', ' ').Split('\n');
        var indent = lines.Where(l => l.Trim().Length > 0).Min(l => l.Length - l.TrimStart().Length);
        return string.Join('\n', lines.Select(l => l.Length >= indent ? l[indent..] : l.TrimStart()));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Pikumo.ImageGen.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Pikumo.ImageGen.sln not found above the test's folder.");
    }

    [GeneratedRegex(@"<!-- snippet: (?<name>[\w-]+) -->\n```csharp\n(?<code>.*?)```", RegexOptions.Singleline)]
    private static partial Regex Marker();

    [GeneratedRegex(@"#region (?<name>[\w-]+)\n(?<code>.*?)\n[ \t]*#endregion", RegexOptions.Singleline)]
    private static partial Regex Region();
}
