using System.Text.RegularExpressions;

namespace Pikumo.ImageGen.Samples.Tests;

/// <summary>
/// Docs that paste and compile. Every C# block of README.md and docs/ is marked <c>&lt;!-- snippet: name --&gt;</c> and
/// is exactly the <c>#region name</c> of a file under <c>samples/Snippets/</c> (or a test file of this project); each
/// region starts with its <c>using</c> lines and compiles on its own against the packages' public API.
/// </summary>
public sealed partial class DocsSnippetTests
{
    private static readonly string Root = FindRoot();

    /// <summary>The repository's root folder (where Pikumo.ImageGen.sln is).</summary>
    public static string RepositoryRoot => Root;

    public static TheoryData<string> Pages => new(PagePaths().Select(p => Path.GetRelativePath(Root, p)));

    public static TheoryData<string> QuotedRegions => new(QuotedRegionNames().Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Pages))]
    public void Page_Snippets_MatchTheCompiledSnippetCode(string page)
    {
        var text = File.ReadAllText(Path.Combine(Root, page)).ReplaceLineEndings("\n");
        var regions = Regions();
        foreach (Match marker in Marker().Matches(text))
        {
            var name = marker.Groups["name"].Value;
            Assert.True(regions.TryGetValue(name, out var code), $"{page}: no '#region {name}' in samples/Snippets/ or the docs tests");
            Assert.Equal(code, marker.Groups["code"].Value.TrimEnd('\n'));
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Page_EveryCSharpBlock_IsAMarkedSnippet(string page)
    {
        var text = File.ReadAllText(Path.Combine(Root, page)).ReplaceLineEndings("\n");
        var blocks = CSharpBlock().Count(text);
        var marked = Marker().Count(text);

        Assert.True(blocks == marked, $"{page}: {blocks - marked} ```csharp block(s) without a '<!-- snippet: name -->' marker; put the code in samples/Snippets/ so it compiles.");
    }

    [Theory]
    [MemberData(nameof(QuotedRegions))]
    public void Snippet_StartsWithItsUsings_AndCompilesOnItsOwn(string name)
    {
        var code = Regions()[name];
        var first = code.Split('\n').First(line => line.Length > 0 && !line.StartsWith("//", StringComparison.Ordinal) && !line.StartsWith("#pragma", StringComparison.Ordinal));
        Assert.True(first.StartsWith("using ", StringComparison.Ordinal) && !first.StartsWith("using var ", StringComparison.Ordinal), $"'{name}' must start with its using lines, not '{first}'");

        var diagnostics = SnippetCompiler.Diagnose(name, code);

        Assert.True(diagnostics.Count == 0, $"'{name}' does not compile on its own:\n{string.Join('\n', diagnostics)}");
    }

    [Fact]
    public void Pages_QuoteEveryDocumentedRegion()
    {
        var quoted = QuotedRegionNames();
        var unquoted = Regions().Keys.Where(name => !quoted.Contains(name)).ToArray();
        Assert.True(unquoted.Length == 0, "regions no page quotes: " + string.Join(", ", unquoted));
    }

    [Fact]
    public void PackageReadmes_LinkToTheRepositoryWithAbsoluteUrls()
    {
        // The core package's readme is the repository's README.md; the others are docs/packages/*.md.
        foreach (var readme in Directory.GetFiles(Path.Combine(Root, "docs", "packages"), "*.md").Append(Path.Combine(Root, "README.md")))
        {
            var text = File.ReadAllText(readme);
            var relative = RelativeLink().Matches(text).Select(m => m.Groups["target"].Value).ToArray();
            Assert.True(relative.Length == 0, $"{Path.GetFileName(readme)} links relatively (broken on a package page): {string.Join(", ", relative)}");
            Assert.Contains("https://github.com/pikumo/Pikumo.ImageGen/blob/main/docs/", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Readme_TestCommand_IsTheOneCiRuns()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        var command = Regex.Match(readme, "dotnet test[^`\n]*").Value;

        Assert.Equal("dotnet test --solution Pikumo.ImageGen.sln -c Release", command);
        Assert.Contains(command, File.ReadAllText(Path.Combine(Root, ".ci", "run")), StringComparison.Ordinal);
    }

    private static IEnumerable<string> PagePaths() =>
        Directory.GetFiles(Path.Combine(Root, "docs"), "*.md")
            .Concat(Directory.GetFiles(Path.Combine(Root, "docs", "packages"), "*.md"))
            .Append(Path.Combine(Root, "README.md"));

    private static HashSet<string> QuotedRegionNames() =>
        PagePaths().SelectMany(p => Marker().Matches(File.ReadAllText(p).ReplaceLineEndings("\n")).Select(m => m.Groups["name"].Value)).ToHashSet(StringComparer.Ordinal);

    private static Dictionary<string, string> Regions()
    {
        var regions = new Dictionary<string, string>(StringComparer.Ordinal);
        var files = Directory.GetFiles(Path.Combine(Root, "samples"), "*.cs", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(Root, "tests", "Pikumo.ImageGen.Samples.Tests", "Docs"), "*.cs"));
        foreach (var file in files.Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            foreach (Match region in Region().Matches(File.ReadAllText(file).ReplaceLineEndings("\n")))
            {
                Assert.True(regions.TryAdd(region.Groups["name"].Value, Dedent(region.Groups["code"].Value)), $"'#region {region.Groups["name"].Value}' twice");
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

    [GeneratedRegex(@"^```csharp\n", RegexOptions.Multiline)]
    private static partial Regex CSharpBlock();

    [GeneratedRegex(@"#region (?<name>[\w-]+)\n(?<code>.*?)\n[ \t]*#endregion", RegexOptions.Singleline)]
    private static partial Regex Region();

    [GeneratedRegex(@"\]\((?<target>(?!https?://|#|mailto:)[^)]+)\)")]
    private static partial Regex RelativeLink();
}
